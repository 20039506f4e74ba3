"""Bad input of every kind gets a 4xx problem+json (RFC 9457), never a 500 or an HTML page."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.server.conftest import World

API = "/api/v1"


def assert_problem(answer, status: int | None = None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A problem+json answer with the RFC 9457 members, a 4xx unless `status` says otherwise."""
    assert answer.headers["content-type"] == "application/problem+json", answer.text
    body = answer.json()
    if status is None:
        assert 400 <= answer.status_code < 500, answer.text
    else:
        assert answer.status_code == status, answer.text
    assert body["status"] == answer.status_code
    assert isinstance(body["type"], str) and isinstance(body["title"], str)
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in answer.text
    return body


def raw_post(client: TestClient, path: str, content: bytes, world: World,
             content_type: str = "application/json"):  # type: ignore[no-untyped-def]
    return client.post(API + path, content=content,
                       headers={**world.auth(), "content-type": content_type})


@pytest.mark.parametrize("content", [
    b'{"first_name": ',                      # cut short
    b"{'first_name': 'Marie'}",              # not JSON
    b"[]",
    b'"Marie"',
    b"",
    b"\xff\xfe\x00",                         # not UTF-8
    b'{"first_name": "Marie", "last_name": "Lef\\ud800vre"}',  # a lone surrogate
    b'{"first_name": 12, "last_name": ["x"]}',
    b'{"first_name": "Marie", "last_name": "L", "consent_email": "maybe"}',
    b'{"first_name": "Marie", "last_name": "L", "birth_date": "1985-02-30"}',
    b'{"first_name": "Marie", "last_name": "L", "birth_date": 99999999999999999999}',
    b'{"first_name": "Mar\\u0000ie", "last_name": "L"}',  # NUL: no database stores it
    b'{"first_name": "Marie", "last_name": "L", "surprise": true}',
    b'{"first_name": "' + b"x" * 100_000 + b'", "last_name": "L"}',
])
def test_malformed_bodies_are_4xx_problems(client: TestClient, world: World,
                                            content: bytes) -> None:
    assert_problem(raw_post(client, "/customers", content, world))


def test_validation_problems_list_the_fields(client: TestClient, world: World) -> None:
    body = assert_problem(raw_post(client, "/customers",
                                   b'{"first_name": "", "email": "nope"}', world), 422)
    assert body["code"] == "validation"
    fields = {error["field"] for error in body["errors"]}
    assert {"first_name", "last_name", "email"} <= fields
    assert all(error["message"] for error in body["errors"])


def test_a_body_that_is_not_json_is_a_problem(client: TestClient, world: World) -> None:
    assert_problem(raw_post(client, "/customers", b"first_name=Marie&last_name=L", world,
                            "application/x-www-form-urlencoded"))
    assert_problem(raw_post(client, "/customers", b'{"first_name": "Marie"}', world,
                            "text/plain"))


@pytest.mark.parametrize("version", [
    "9" * 5000,           # more digits than Python converts by default
    "1e308", "NaN", "-Infinity", "-1", "0", "2147483649", "1.5", "true", '"2"',
])
def test_huge_or_odd_numbers_are_4xx(client: TestClient, world: World, version: str) -> None:
    customer = client.post(f"{API}/customers", json={"first_name": "A", "last_name": "B"},
                           headers=world.auth()).json()
    answer = client.patch(f"{API}/customers/{customer['customer_id']}",
                          content=f'{{"version": {version}, "first_name": "C"}}'.encode(),
                          headers={**world.auth(), "content-type": "application/json"})
    assert_problem(answer)


@pytest.mark.parametrize(("path", "body"), [
    ("/users", {"username": "x1", "password": "long enough", "role": "owner"}),
    ("/customers/{id}/consents", {"channel": "post", "granted": True}),
    ("/customers/{id}/consents", {"channel": "sms", "granted": "yes please"}),
    ("/auth/login", {"username": "admin1", "password": "x", "device_name": 7}),
])
def test_unknown_enum_values_and_wrong_types_are_422(client: TestClient, world: World,
                                                     path: str, body: dict) -> None:
    customer = client.post(f"{API}/customers", json={"first_name": "A", "last_name": "B"},
                           headers=world.auth()).json()
    answer = client.post(API + path.format(id=customer["customer_id"]), json=body,
                         headers=world.auth("admin"))
    assert_problem(answer, 422)


@pytest.mark.parametrize("params", [
    {"limit": "ten"}, {"limit": "1e3"}, {"limit": str(10**40)}, {"limit": "-1"},
    {"q": "a" * 201}, {"q": "lef\x00evre"}, {"q": "\x1b[31m"}, {"cursor": "!!!"},
    {"q": "x", "cursor": "eyJ4IjogMX0"},
])
def test_bad_query_parameters_are_422(client: TestClient, world: World, params: dict) -> None:
    for path in ("/customers", "/products"):
        if path == "/products" and "cursor" in params:
            continue
        assert_problem(client.get(API + path, params={"q": "x", **params},
                                  headers=world.auth()), 422)


@pytest.mark.parametrize("q", [
    "'; DROP TABLE customers; --", "1' OR '1'='1", "%' OR 1=1 --", "\\'; SELECT pg_sleep(5)",
    "*/ UNION SELECT password_hash FROM staff_users /*", "😀🔥", "‮evilname", "מרים",
    "👩🏽‍💻 lefevre", "\u200b", "ｍａｒｉｅ", "x" * 200,
])
def test_sql_looking_and_unicode_heavy_searches_answer_and_harm_nothing(
        client: TestClient, world: World, q: str) -> None:
    for path in ("/customers", "/products"):
        answer = client.get(API + path, params={"q": q}, headers=world.auth())
        assert answer.status_code == 200, answer.text
    # The tables are still there.
    assert client.get(f"{API}/products", params={"q": "veste"},
                      headers=world.auth()).json()[0]["sku"] == "SKU-1001"
    assert client.get(f"{API}/customers", params={"q": "x"},
                      headers=world.auth()).status_code == 200


def test_names_in_any_script_are_kept_and_found(client: TestClient, world: World) -> None:
    created = client.post(f"{API}/customers", json={
        "first_name": "مريم 😀", "last_name": "‏العلي", "phone": "+33 6 00 00 00 07"},
        headers=world.auth())
    assert created.status_code == 201, created.text
    items = client.get(f"{API}/customers", params={"q": "مريم"},
                       headers=world.auth()).json()["items"]
    assert [i["customer_id"] for i in items] == [created.json()["customer_id"]]
    assert items[0]["first_name"] == "مريم 😀"


@pytest.mark.parametrize("path", [
    "/customers/%00", "/customers/a%00b/orders", "/customers/" + "x" * 65,
    "/customers/..%2F..%2Fetc", "/customers/%F0%9F%98%80", "/customers/a b/wishlist",
])
def test_odd_path_parameters_are_4xx(client: TestClient, world: World, path: str) -> None:
    assert_problem(client.get(API + path, headers=world.auth()))


@pytest.mark.parametrize("before", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
                                    "yesterday", "2026-02-30T00:00:00Z"])
def test_timestamps_out_of_range_are_422(client: TestClient, world: World, before: str) -> None:
    customer = client.post(f"{API}/customers", json={"first_name": "A", "last_name": "B"},
                           headers=world.auth()).json()
    assert_problem(client.get(f"{API}/customers/{customer['customer_id']}/timeline",
                              params={"before": before}, headers=world.auth()), 422)


def test_unknown_routes_and_wrong_methods_are_problems(client: TestClient,
                                                       world: World) -> None:
    assert_problem(client.get(f"{API}/nothing-here", headers=world.auth()), 404)
    assert_problem(client.get("/index.html"), 404)
    assert_problem(client.get(f"{API}/nothing-here"), 404)
    wrong = client.put(f"{API}/stores", headers=world.auth())
    assert_problem(wrong, 405)
    assert wrong.headers["allow"] == "GET"
    assert_problem(client.delete("/healthz"), 405)


def test_an_unexpected_error_is_a_500_problem_without_details(app: FastAPI,
                                                              client: TestClient) -> None:
    def explode() -> None:
        raise RuntimeError("secret internals")

    app.add_api_route("/boom", explode)
    answer = client.get("/boom")
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "internal"
    assert "secret internals" not in answer.text


def test_openapi_documents_every_error_as_problem_json(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert "Problem" in document["components"]["schemas"]
    errors = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    errors += 1
                    assert list(response["content"]) == ["application/problem+json"], (
                        path, method, status)
    assert errors > 20
    assert "HTTPValidationError" not in document["components"]["schemas"]


def _raising_app(error: Exception) -> TestClient:
    from clienteling.server import problems

    bare = FastAPI()
    problems.install(bare)

    @bare.get("/boom")
    def boom() -> None:
        raise error

    return TestClient(bare, raise_server_exceptions=False)


@pytest.mark.parametrize(("kind", "status"), [
    ("DomainError", 422), ("BadRequest", 400), ("Unauthorized", 401), ("Forbidden", 403),
    ("NotFound", 404), ("Conflict", 409), ("Gone", 410), ("TooMany", 429), ("Busy", 503),
])
def test_one_handler_answers_each_kind_of_domain_error(kind: str, status: int) -> None:
    from clienteling.domain import errors

    error = getattr(errors, kind)("thing.refused", "The thing was refused.", thing_id="T1")
    answer = _raising_app(error).get("/boom")
    body = assert_problem(answer, status)
    assert (body["code"], body["detail"], body["thing_id"]) == (
        "thing.refused", "The thing was refused.", "T1")
    if status in (429, 503):
        assert answer.headers["Retry-After"] == "1"
    if status == 401:
        assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_a_stray_core_error_is_a_422_not_a_500() -> None:
    """A rule of the core that says no, raised where nobody expected it (a check digit, here)."""
    from clienteling.domain.cards import normalize_card
    from clienteling.domain.errors import DomainError

    with pytest.raises(DomainError) as raised:
        normalize_card("2900000000000")
    body = assert_problem(_raising_app(raised.value).get("/boom"), 422)
    assert body["code"] == raised.value.code


def test_a_parameter_named_code_is_sent_as_value() -> None:
    from clienteling.domain.errors import Busy, DomainError

    body = assert_problem(_raising_app(DomainError("scan.unknown", code="XYZ")).get("/boom"))
    assert body["value"] == "XYZ" and body["code"] == "scan.unknown"
    answer = _raising_app(Busy("order.busy", "Send it again.", retry_after=7)).get("/boom")
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "7"
