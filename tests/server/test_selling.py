"""Selling's server side over HTTP (api-contract.md "Orders, continued"): delivery methods,
quotes, fee/ready_by/delivery_by on orders, French postcodes, payments and the signed webhook,
the simulated provider page, and telling the customer an order is ready. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import smtplib
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from clienteling.domain import timeline
from clienteling.server.config import DeliveryMethod, ServerConfig, parse_delivery_methods
from clienteling.server.customers.models import InteractionRow
from clienteling.server.notify.service import LogNotifier, Outbound, SmtpNotifier
from clienteling.server.payments.signature import sign, verify
from tests.server.conftest import PASSWORD, World, settle
from tests.server.test_migrations import empty_database  # noqa: F401  (a fixture)
from tests.server.test_orders import cc_body, delivery_body, post_order, stock_of

API = "/api/v1"
SECRET = "test-webhook-secret"
METHODS = (DeliveryMethod("standard", Decimal("4.90"), 2, 4),
           DeliveryMethod("express", Decimal("12.00"), 1, 2),
           DeliveryMethod("relay", Decimal("0"), 3, 6))


@pytest.fixture
def config(database_url: str, migrated_engine: Any) -> ServerConfig:
    return ServerConfig(database_url=database_url, delivery_methods=METHODS,
                        store_transfer_days=3, payment_webhook_secret=SECRET)


@pytest.fixture
def notifier(app: FastAPI) -> LogNotifier:
    sent = LogNotifier()
    app.state.notifier = sent
    return sent


def enrol(client: TestClient, world: World, **fields: Any) -> str:
    body = {"first_name": "Camille", "last_name": "Lefèvre", "home_store_id": "PAR01", **fields}
    answer = client.post(f"{API}/customers", json=body, headers=world.auth())
    assert answer.status_code == 201, answer.text
    return str(answer.json()["customer_id"])


@pytest.fixture
def customer(client: TestClient, world: World) -> str:
    return enrol(client, world, email="camille@example.fr", consent_email=True)


def quote(client: TestClient, world: World, body: dict[str, Any], role: str = "seller"
          ) -> Any:
    return client.post(f"{API}/orders/quote", json=body, headers=world.auth(role))


def day(text: str) -> date:
    return date.fromisoformat(text)


def created(order: dict[str, Any]) -> date:
    return datetime.fromisoformat(order["created_at"]).date()


# --- delivery methods, quotes -------------------------------------------------------------


def test_delivery_methods_are_the_servers_settings(client: TestClient, world: World) -> None:
    answer = client.get(f"{API}/delivery-methods", headers=world.auth())
    assert answer.status_code == 200, answer.text
    assert answer.json() == [
        {"method": "standard", "fee": {"amount": "4.90", "currency": "EUR"},
         "min_days": 2, "max_days": 4},
        {"method": "express", "fee": {"amount": "12.00", "currency": "EUR"},
         "min_days": 1, "max_days": 2},
        {"method": "relay", "fee": {"amount": "0.00", "currency": "EUR"},
         "min_days": 3, "max_days": 6},
    ]
    assert client.get(f"{API}/delivery-methods").status_code == 401


def test_the_demo_methods_and_their_setting() -> None:
    demo = ServerConfig(database_url="sqlite://").delivery_methods
    assert [m.method for m in demo] == ["standard", "express", "store_courier"]
    assert parse_delivery_methods("standard:4.90:2:4, bike:7:0:1:EUR") == (
        DeliveryMethod("standard", Decimal("4.90"), 2, 4),
        DeliveryMethod("bike", Decimal("7"), 0, 1))
    for bad in ("standard:4.90:2", "x:free:1:2", "x:1:3:2", "x:-1:1:2"):
        with pytest.raises(ValueError, match="CLIENTELING_DELIVERY_METHODS"):
            parse_delivery_methods(bad)


def test_a_click_and_collect_quote_reserves_nothing_and_the_order_answers_the_same(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str
) -> None:
    body = cc_body(customer, [("SKU-1001", 2), ("SKU-1003", 1)])
    answer = quote(client, world, body)
    assert answer.status_code == 200, answer.text
    q = answer.json()
    assert [(ln["sku"], ln["quantity"], ln["unit_price"], ln["source_store_id"])
            for ln in q["lines"]] == [("SKU-1001", 2, "189.00", "PAR01"),
                                      ("SKU-1003", 1, "79.50", "PAR01")]
    assert (q["fee"], q["total"], q["currency"], q["delivery_by"]) == (
        {"amount": "0.00", "currency": "EUR"}, "457.50", "EUR", None)
    assert stock_of(sessions, "PAR01", "SKU-1001") == (5, 0)  # nothing reserved
    order = post_order(client, world, body).json()
    # Everything is on the pickup store's shelf: ready the day it is placed.
    assert day(q["ready_by"]) == day(order["ready_by"]) == created(order)
    assert order["fee"] == q["fee"] and order["total"] == q["total"]
    assert order["delivery_by"] is None
    assert [ln["source_store_id"] for ln in order["lines"]] == [
        ln["source_store_id"] for ln in q["lines"]]


def test_a_line_from_another_store_makes_ready_by_wait_the_transfer_days(
        client: TestClient, world: World, customer: str) -> None:
    # SKU-1004 is only in Lyon.
    body = cc_body(customer, [("SKU-1004", 1), ("SKU-1003", 1)])
    q = quote(client, world, body).json()
    assert {ln["sku"]: ln["source_store_id"] for ln in q["lines"]} == {
        "SKU-1004": "LYS01", "SKU-1003": "PAR01"}
    order = post_order(client, world, body).json()
    assert day(order["ready_by"]) == created(order) + timedelta(days=3)
    assert q["ready_by"] == order["ready_by"]
    assert client.get(f"{API}/orders/{order['order_number']}",
                      headers=world.auth()).json()["ready_by"] == order["ready_by"]


def test_two_lines_of_one_sku_are_quoted_as_they_would_be_reserved(
        client: TestClient, world: World, customer: str) -> None:
    # PAR02 has 3 SKU-1001: the second line of 2 no longer fits there, PAR01 (nearest) has it.
    body = cc_body(customer, [("SKU-1001", 2), ("SKU-1001", 2)], store_id="PAR02")
    q = quote(client, world, body).json()
    order = post_order(client, world, body).json()
    assert [ln["source_store_id"] for ln in q["lines"]] == [
        ln["source_store_id"] for ln in order["lines"]] == ["PAR02", "PAR01"]


def test_a_home_delivery_quote_has_the_methods_fee_and_delivery_by(
        client: TestClient, world: World, customer: str) -> None:
    body = delivery_body(customer, [("SKU-1005", 1)], method="express")
    q = quote(client, world, body).json()
    assert q["fee"] == {"amount": "12.00", "currency": "EUR"}
    assert q["total"] == "107.00"  # 95.00 + 12.00
    assert q["ready_by"] is None
    order = post_order(client, world, body).json()
    assert (order["fee"], order["total"], order["delivery_by"], order["ready_by"]) == (
        q["fee"], q["total"], q["delivery_by"], None)
    assert day(order["delivery_by"]) == created(order) + timedelta(days=2)
    assert order["fulfillment"]["fee"] == "12.00"


def test_a_short_quote_is_409_with_the_lines_short(
        client: TestClient, world: World, customer: str) -> None:
    answer = quote(client, world, cc_body(customer, [("SKU-1002", 3), ("SKU-1003", 1)]))
    assert answer.status_code == 409, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == "stock.short"
    assert answer.json()["lines"] == [{"sku": "SKU-1002", "requested": 3, "available": 2}]


def test_a_quote_is_refused_like_the_order(client: TestClient, world: World,
                                           customer: str) -> None:
    assert quote(client, world, cc_body(customer, [("SKU-1001", 1)], origin="PAR01"),
                 role="seller2").status_code == 403
    unknown = quote(client, world, cc_body(customer, [("NOPE", 1)]))
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "lines.0.sku"


# --- addresses and methods ----------------------------------------------------------------


@pytest.mark.parametrize("postcode", ["96000", "00123", "7501", "97700", "2A004"])
def test_a_postcode_of_no_french_departement_is_422_naming_the_field(
        client: TestClient, world: World, customer: str, postcode: str) -> None:
    body = delivery_body(customer, [("SKU-1005", 1)])
    body["fulfillment"]["address"]["postcode"] = postcode
    for answer in (quote(client, world, body), post_order(client, world, body)):
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == "order.postcode"
        assert [e["field"] for e in answer.json()["errors"]] == ["fulfillment.address.postcode"]


def test_corsica_overseas_and_other_countries_are_delivered(
        client: TestClient, world: World, customer: str) -> None:
    for postcode, country in (("20 000", "FR"), ("97411", "FR"), ("SW1A 1AA", "GB")):
        body = delivery_body(customer, [("SKU-1003", 1)])
        body["fulfillment"]["address"].update(postcode=postcode, country=country)
        answer = post_order(client, world, body)
        assert answer.status_code == 201, answer.text
        assert answer.json()["fulfillment"]["address"]["postcode"] == (
            postcode.replace(" ", "") if country == "FR" else postcode)


def test_a_method_the_server_does_not_offer_is_422(client: TestClient, world: World,
                                                   customer: str) -> None:
    answer = quote(client, world, delivery_body(customer, [("SKU-1005", 1)],
                                                method="store_courier"))
    assert answer.status_code == 422
    assert answer.json()["errors"] == [{"field": "fulfillment.method",
                                        "message": "one of: standard, express, relay"}]


# --- payment ------------------------------------------------------------------------------


def test_paid_in_store_is_paid_at_once_with_the_tills_receipt(
        client: TestClient, world: World, customer: str) -> None:
    body = cc_body(customer, [("SKU-1003", 1)], payment="paid_in_store")
    body["payment"]["receipt"] = "T12-000481"
    order = post_order(client, world, body).json()
    assert order["payment"] == {"mode": "paid_in_store", "status": "paid",
                                "payment_url": None, "receipt": "T12-000481"}
    wrong = cc_body(customer, [("SKU-1003", 1)])
    wrong["payment"]["receipt"] = "T12-000482"
    refused = post_order(client, world, wrong)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "payment.receipt"


def test_pay_at_pickup_is_paid_when_collected(client: TestClient, world: World,
                                              customer: str, notifier: LogNotifier) -> None:
    order = post_order(client, world, cc_body(customer, [("SKU-1003", 1)])).json()
    assert order["payment"]["status"] == "pending"
    number = order["order_number"]
    for status, paid in (("ready_for_pickup", "pending"), ("collected", "paid")):
        moved = client.post(f"{API}/orders/{number}/status", json={"status": status},
                            headers=world.auth())
        assert moved.status_code == 200, moved.text
        assert moved.json()["payment"]["status"] == paid


def payment_link_order(client: TestClient, world: World, customer: str) -> dict[str, Any]:
    answer = post_order(client, world, cc_body(customer, [("SKU-1003", 2)],
                                               payment="payment_link"))
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def webhook(client: TestClient, body: dict[str, Any] | bytes, secret: str | None = SECRET,
            signature: str | None = None) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if signature is not None or secret is not None:
        headers["X-Signature"] = signature or sign(secret or "", raw)
    return client.post(f"{API}/payments/webhook", content=raw, headers=headers)


def test_a_payment_link_is_paid_once_by_the_signed_webhook(
        client: TestClient, world: World, customer: str, sessions: sessionmaker[Session]
) -> None:
    order = payment_link_order(client, world, customer)
    number = order["order_number"]
    assert order["payment"]["status"] == "pending"
    assert order["payment"]["payment_url"] == (
        f"http://testserver{API}/payments/demo/{number}")
    paid = {"order_number": number, "status": "paid", "reference": "PSP-1"}
    # Unsigned, signed with another secret, or another body under the signature: 401.
    assert webhook(client, paid, secret=None).status_code == 401
    assert webhook(client, paid, secret="guess").status_code == 401
    assert webhook(client, paid, signature=sign(SECRET, b"{}")).status_code == 401
    assert webhook(client, paid, signature=sign(SECRET, json.dumps(paid).encode())[7:]
                   ).status_code == 401  # without "sha256="
    failed = webhook(client, {**paid, "status": "failed"})
    assert failed.status_code == 200, failed.text
    assert failed.json()["payment"]["status"] == "pending"
    for _ in range(2):  # the provider retries: the second call changes nothing
        answer = webhook(client, paid)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"order_number": number, "payment": {
            "mode": "payment_link", "status": "paid",
            "payment_url": order["payment"]["payment_url"], "receipt": None}}
    # A late "failed" does not unpay it.
    assert webhook(client, {**paid, "status": "failed"}).json()["payment"]["status"] == "paid"
    assert client.get(f"{API}/orders/{number}",
                      headers=world.auth()).json()["payment"]["status"] == "paid"
    with sessions() as session:
        codes = session.scalars(select(InteractionRow.code).where(
            InteractionRow.customer_id == customer)).all()
    assert (codes.count(timeline.ORDER_PLACED), codes.count(timeline.PAYMENT_RECEIVED)) == (1, 1)
    # The device hears of it through the feed.
    settle(sessions)
    changes = client.get(f"{API}/sync/changes", params={"limit": 5000},
                         headers=world.auth()).json()["changes"]
    last = [c for c in changes if c["entity"] == "order" and c["key"] == number][-1]
    assert last["data"]["payment"]["status"] == "paid"


def test_the_webhook_refuses_unknown_orders_and_bad_bodies(
        client: TestClient, world: World, customer: str) -> None:
    unknown = webhook(client, {"order_number": "PAR01-260105-ZZZZZZ", "status": "paid",
                               "reference": "PSP-2"})
    assert unknown.status_code == 404 and unknown.json()["code"] == "order.not_found"
    not_a_link = post_order(client, world, cc_body(customer, [("SKU-1003", 1)])).json()
    assert webhook(client, {"order_number": not_a_link["order_number"], "status": "paid",
                            "reference": "PSP-3"}).status_code == 404
    bad = webhook(client, {"order_number": "X", "status": "maybe", "reference": "r"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "status"
    assert webhook(client, b"not json").status_code == 422


def test_without_a_secret_set_up_every_webhook_call_is_refused() -> None:
    assert not verify(None, b"{}", sign("", b"{}"))
    assert not verify("", b"{}", sign("", b"{}"))
    assert verify("s", b"{}", sign("s", b"{}"))


@pytest.fixture
def live(app: FastAPI) -> Iterator[str]:
    """The test's app served by Uvicorn on the loopback (the simulated page calls the webhook
    over HTTP, as a provider would)."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           access_log=False))
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    yield url
    server.should_exit = True
    thread.join(10)
    sock.close()


def test_the_simulated_provider_page_pays_through_the_signed_webhook(
        live: str, world: World, customer: str) -> None:
    headers = {**world.auth(), "Idempotency-Key": str(uuid.uuid4()),
               "Content-Type": "application/json"}
    body = json.dumps(cc_body(customer, [("SKU-1003", 1)], payment="payment_link")).encode()
    with urllib.request.urlopen(urllib.request.Request(
            f"{live}{API}/orders", data=body, headers=headers, method="POST")) as answer:
        order = json.load(answer)
    url = order["payment"]["payment_url"]
    assert url == f"{live}{API}/payments/demo/{order['order_number']}"
    with urllib.request.urlopen(url) as page:
        text = page.read().decode()
    assert order["order_number"] in text and "Payer / Pay" in text
    with urllib.request.urlopen(urllib.request.Request(
            f"{url}/pay", data=b"status=paid", method="POST")) as done:
        assert "Payment accepted" in done.read().decode()
    with urllib.request.urlopen(urllib.request.Request(
            f"{live}{API}/orders/{order['order_number']}", headers=world.auth())) as answer:
        assert json.load(answer)["payment"]["status"] == "paid"


# --- telling the customer -----------------------------------------------------------------


def ready(client: TestClient, world: World, number: str) -> Any:
    answer = client.post(f"{API}/orders/{number}/status", json={"status": "ready_for_pickup"},
                         headers=world.auth())
    assert answer.status_code == 200, answer.text
    return answer


def timeline_of(client: TestClient, world: World, customer: str) -> list[dict[str, Any]]:
    answer = client.get(f"{API}/customers/{customer}/timeline", headers=world.auth())
    return list(answer.json()["items"] if isinstance(answer.json(), dict) else answer.json())


def test_an_order_made_ready_tells_the_customer_by_the_channel_they_consented_to(
        client: TestClient, world: World, notifier: LogNotifier) -> None:
    by_email = enrol(client, world, email="camille@example.fr", consent_email=True,
                     phone="0612345678", consent_sms=True)
    by_sms = enrol(client, world, email="leo@example.fr", phone="0698765432",
                   consent_sms=True)
    nobody = enrol(client, world, email="ana@example.fr", phone="0611111111")
    numbers = {who: post_order(client, world, cc_body(who, [("SKU-1003", 1)])).json()[
        "order_number"] for who in (by_email, by_sms, nobody)}
    for who in (by_email, by_sms, nobody):
        ready(client, world, numbers[who])
    assert [(m.channel, m.to, m.customer_id) for m in notifier.sent] == [
        ("email", "camille@example.fr", by_email), ("sms", "+33698765432", by_sms)]
    assert numbers[by_email] in notifier.sent[0].body
    assert "Paris Rivoli" in notifier.sent[0].body
    told = [e for e in timeline_of(client, world, by_email) if e["kind"] == "message"]
    assert [(e["code"], e["params"], e["channel"]) for e in told] == [
        (timeline.ORDER_READY_TOLD, {"number": numbers[by_email], "store_id": "PAR01",
                                     "channel": "email"}, "email")]
    untold = [e for e in timeline_of(client, world, nobody) if e["kind"] == "message"]
    assert [e["code"] for e in untold] == [timeline.ORDER_READY_UNTOLD]
    # A move resent with its key tells nobody twice.
    number = post_order(client, world, cc_body(by_email, [("SKU-1003", 1)])).json()[
        "order_number"]
    key = {"Idempotency-Key": str(uuid.uuid4())}
    for _ in range(2):
        assert client.post(f"{API}/orders/{number}/status", json={"status": "ready_for_pickup"},
                           headers={**world.auth(), **key}).status_code == 200
    assert [m.to for m in notifier.sent].count("camille@example.fr") == 2


def test_a_refused_move_tells_nobody(client: TestClient, world: World, customer: str,
                                     notifier: LogNotifier) -> None:
    order = post_order(client, world, delivery_body(customer, [("SKU-1003", 1)])).json()
    refused = client.post(f"{API}/orders/{order['order_number']}/status",
                          json={"status": "ready_for_pickup"}, headers=world.auth())
    assert refused.status_code == 409
    assert notifier.sent == []


class _FakeSmtp:
    sent: list[Any] = []
    calls: list[str] = []

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.calls.append(f"connect {host}:{port}")

    def __enter__(self) -> _FakeSmtp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.calls.append("quit")

    def starttls(self) -> None:
        self.calls.append("starttls")

    def login(self, user: str, password: str) -> None:
        self.calls.append(f"login {user}")

    def send_message(self, message: Any) -> None:
        self.sent.append(message)


def test_the_smtp_notifier_sends_emails_and_logs_what_it_cannot(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(smtplib, "SMTP", _FakeSmtp)
    _FakeSmtp.sent, _FakeSmtp.calls = [], []
    notifier = SmtpNotifier(host="mail.example", port=587, sender="shop@example.fr",
                            user="shop", password="pw", starttls=True)
    notifier.send(Outbound(channel="email", to="camille@example.fr", subject="Prête",
                           body="Votre commande", customer_id="C-1"))
    notifier.send(Outbound(channel="sms", to="+33612345678", subject="Prête", body="…",
                           customer_id="C-2"))
    assert _FakeSmtp.calls == ["connect mail.example:587", "starttls", "login shop", "quit"]
    [mail] = _FakeSmtp.sent
    assert (mail["From"], mail["To"], mail["Subject"]) == (
        "shop@example.fr", "camille@example.fr", "Prête")
    assert "Votre commande" in mail.get_content()
    assert "no SMS gateway" in caplog.text


def test_an_unreachable_smtp_server_is_logged_not_raised(
        caplog: pytest.LogCaptureFixture) -> None:
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there
    SmtpNotifier(host="127.0.0.1", port=port, sender="s@example.fr", timeout=2).send(
        Outbound(channel="email", to="a@example.fr", subject="s", body="b", customer_id="C-9"))
    assert "failed" in caplog.text


# --- cancelling ---------------------------------------------------------------------------


def test_cancelling_a_ready_order_puts_its_units_back_on_sale(
        client: TestClient, world: World, sessions: sessionmaker[Session], customer: str,
        notifier: LogNotifier) -> None:
    order = post_order(client, world, cc_body(customer, [("SKU-1004", 2)])).json()
    assert stock_of(sessions, "LYS01", "SKU-1004") == (6, 2)
    ready(client, world, order["order_number"])
    cancelled = client.post(f"{API}/orders/{order['order_number']}/status",
                            json={"status": "cancelled"}, headers=world.auth())
    assert cancelled.status_code == 200, cancelled.text
    assert stock_of(sessions, "LYS01", "SKU-1004") == (6, 0)
    stock = client.get(f"{API}/stock", params={"sku": "SKU-1004"}, headers=world.auth()).json()
    assert {s["store_id"]: s["available"] for s in stock}["LYS01"] == 6


# --- the device's client ------------------------------------------------------------------


def test_the_devices_client_gets_methods_and_quotes_typed(live: str, world: World,
                                                          customer: str) -> None:
    from clienteling.api import models as w
    from clienteling.api.client import ApiClient, ApiError, short_lines

    client = ApiClient(live)
    try:
        client.login("seller1", PASSWORD, "pytest")
        methods = client.delivery_methods()
        assert [(m.method, m.fee.amount, m.max_days) for m in methods] == [
            ("standard", Decimal("4.90"), 4), ("express", Decimal("12.00"), 2),
            ("relay", Decimal("0.00"), 6)]
        order = w.OrderCreate.model_validate(cc_body(customer, [("SKU-1004", 1)]))
        q = client.quote(order)
        assert isinstance(q, w.Quote)
        assert [(ln.sku, ln.source_store_id, ln.unit_price) for ln in q.lines] == [
            ("SKU-1004", "LYS01", Decimal("119.00"))]
        assert q.total == Decimal("119.00") and q.fee.amount == 0 and q.ready_by is not None
        with pytest.raises(ApiError) as short:
            client.quote(w.OrderCreate.model_validate(cc_body(customer, [("SKU-1004", 7)])))
        assert short_lines(short.value) == [w.ShortLine(sku="SKU-1004", requested=7,
                                                        available=6)]
    finally:
        client.close()


def test_selling_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIENTELING_DELIVERY_METHODS", "bike:6.50:0:1")
    monkeypatch.setenv("CLIENTELING_STORE_TRANSFER_DAYS", "5")
    monkeypatch.setenv("CLIENTELING_PAYMENT_PAGE", "https://pay.example/{order_number}")
    monkeypatch.setenv("CLIENTELING_PAYMENT_WEBHOOK_SECRET", "s3cret")
    monkeypatch.setenv("CLIENTELING_NOTIFIER", "smtp")
    for config in (ServerConfig.from_env("sqlite://"), ServerConfig(database_url="sqlite://")):
        assert config.delivery_methods == (DeliveryMethod("bike", Decimal("6.50"), 0, 1),)
        assert (config.store_transfer_days, config.payment_page,
                config.payment_webhook_secret, config.notifier) == (
            5, "https://pay.example/{order_number}", "s3cret", "smtp")


# --- the migration ------------------------------------------------------------------------


def test_0008_gives_existing_orders_their_payment_status(empty_database: str  # noqa: F811
                                                        ) -> None:
    """Paid at the till, collected or delivered → paid; the others pending; none without a
    payment mode."""
    import sqlalchemy as sa
    from alembic import command

    from clienteling.server.db import make_engine
    from clienteling.server.migrate import alembic_config, upgrade

    command.upgrade(alembic_config(empty_database), "0005")
    at = "2026-01-05 09:00:00+00:00"
    orders = [("O1", "paid_in_store", "confirmed"), ("O2", "pay_at_pickup", "confirmed"),
              ("O3", "pay_at_pickup", "collected"), ("O4", "payment_link", "delivered"),
              ("O5", "payment_link", "cancelled"), ("O6", None, "collected")]
    engine = make_engine(empty_database)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO customers (customer_id, first_name, last_name, tier, points, "
                "version, created_at, updated_at, consent_email, consent_sms, first_name_key, "
                "last_name_key) VALUES ('C1', 'A', 'B', 'member', 0, 1, :at, :at, false, "
                "false, 'a', 'b')"), {"at": at})
            for number, mode, status in orders:
                conn.execute(sa.text(
                    "INSERT INTO orders (order_number, customer_id, channel, status, "
                    "fulfillment_type, payment_mode, total, currency, created_at, updated_at) "
                    "VALUES (:n, 'C1', 'web', :s, 'home_delivery', :m, 10, 'EUR', :at, :at)"),
                    {"n": number, "s": status, "m": mode, "at": at})
        upgrade(empty_database)
        with engine.connect() as conn:
            found: dict[str, str | None] = dict(conn.execute(sa.text(
                "SELECT order_number, payment_status FROM orders")).all())
            dates = conn.execute(sa.text("SELECT ready_by, delivery_by, payment_url FROM orders "
                                         "WHERE order_number = 'O1'")).one()
    finally:
        engine.dispose()
    assert found == {"O1": "paid", "O2": "pending", "O3": "paid", "O4": "paid",
                     "O5": "pending", "O6": None}
    assert tuple(dates) == (None, None, None)
