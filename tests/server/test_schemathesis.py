"""Schemathesis against the API's own /openapi.json: requests generated from the schema (valid
ones and invalid ones), signed in as an admin, never get a 5xx; every answer conforms to the
documented status codes, media types, headers and schemas; invalid requests are refused and
valid ones never refused as malformed, on SQLite and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from clienteling.server.app import create_app
from clienteling.server.config import ServerConfig
from tests.server.conftest import World


def _cases() -> list[tuple[str, str, GenerationMode]]:
    """(method, path, mode) of every operation; invalid requests only where there is an input
    to get wrong."""
    # Only the document is needed here, so an app on an in-memory database that is never used.
    document = create_app(ServerConfig(database_url="sqlite://")).openapi()
    cases = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            cases.append((method.upper(), path, GenerationMode.POSITIVE))
            if operation.get("parameters") or operation.get("requestBody"):
                cases.append((method.upper(), path, GenerationMode.NEGATIVE))
    return cases


CASES = _cases()


@schemathesis.check
def valid_requests_are_never_refused_as_malformed(
        ctx: Any, response: Any, case: schemathesis.Case) -> bool | None:
    """Every check runs, `negative_data_rejection` included; `positive_data_acceptance` is this
    one instead. A request valid by /openapi.json may still be turned down by a business rule
    (an unknown customer, a wrong check digit, a stale version: each with a `code` of its own),
    but never as malformed: the document says exactly what the server accepts."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code in (400, 422):
        code = response.json().get("code")
        assert code not in (None, "validation"), (
            f"{case.method} {case.path}: valid by the OpenAPI document, refused as malformed: "
            f"{response.text[:600]}")
    return None


@pytest.mark.parametrize(("method", "path", "mode"), CASES,
                         ids=[f"{m} {p} {mode.value}" for m, p, mode in CASES])
def test_the_api_keeps_its_contract(app: FastAPI, world: World, method: str, path: str,
                                    mode: GenerationMode) -> None:
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]
    headers = world.auth("admin")

    @settings(max_examples=6, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers,
                               additional_checks=[valid_requests_are_never_refused_as_malformed],
                               excluded_checks=[checks.positive_data_acceptance])

    check()


WEBHOOK = "/api/v1/payments/webhook"


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["positive", "negative"])
def test_the_payment_webhook_answers_its_signature_first(
        app: FastAPI, world: World, mode: GenerationMode) -> None:
    """Bodies generated from the document: unsigned (even with a bearer token) → 401, never
    processed; signed with the secret, a valid body is heard (200, or 404 for an order that is
    not there) and an invalid one is refused as malformed (422)."""
    import dataclasses
    import json

    from fastapi.testclient import TestClient
    from pydantic import ValidationError

    from clienteling.api.models import PaymentWebhook
    from clienteling.server.payments.signature import sign

    secret = "schemathesis-secret"
    app.state.config = dataclasses.replace(app.state.config, payment_webhook_secret=secret)
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[WEBHOOK]["POST"]
    client = TestClient(app, raise_server_exceptions=False)

    @settings(max_examples=25, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        unsigned = case.call(headers=world.auth("admin"))
        assert unsigned.status_code == 401, unsigned.text
        assert unsigned.json()["code"] == "payment.signature"
        raw = case.body if isinstance(case.body, bytes) else json.dumps(case.body).encode()
        signed = client.post(WEBHOOK, content=raw, headers={
            "Content-Type": "application/json", "X-Signature": sign(secret, raw)})
        try:  # (a negative case may be negative in its headers only)
            PaymentWebhook.model_validate_json(raw)
            expected = {200, 404}
        except ValidationError:
            expected = {422}
        assert signed.status_code in expected, (case.body, signed.text)

    check()
