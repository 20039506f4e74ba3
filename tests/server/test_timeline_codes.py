"""The server's timeline speaks in codes with parameters (api-contract: entries keep
occurred_at, channel, kind and summary; `code` and `params` are added): an enrolment, a
consent, an order placed; a note stays free text. The feed sends the same entries to the
store's devices."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from tests.server.conftest import World
from tests.server.test_customers import API, enrol, feed_data, patch
from tests.server.test_orders import cc_body, post_order


def entries(client: TestClient, world: World, customer_id: str) -> list[dict]:
    answer = client.get(f"{API}/customers/{customer_id}/timeline", headers=world.auth())
    assert answer.status_code == 200, answer.text
    return list(reversed(answer.json()))  # oldest first


def test_each_write_says_what_happened_as_a_code(client: TestClient, world: World,
                                                 sessions: sessionmaker[Session]) -> None:
    customer = enrol(client, world, consent_email=True)
    customer_id, card = customer["customer_id"], customer["loyalty"]["card"]
    assert patch(client, world, customer_id, version=1,
                 consents={"sms": {"granted": True, "source": "store"}}).status_code == 200
    placed = post_order(client, world, cc_body(customer_id, [("SKU-1001", 2)],
                                               store_id="PAR02"))
    assert placed.status_code == 201, placed.text
    number = placed.json()["order_number"]
    note = client.post(f"{API}/customers/{customer_id}/notes", json={"text": "Likes blue."},
                       headers=world.auth())
    assert note.status_code == 201, note.text

    said = [(e["kind"], e["code"], e["params"]) for e in entries(client, world, customer_id)]
    total = placed.json()["total"]
    assert said == [
        ("enrolled", "customer.enrolled", {"card": card, "consents": ["email"]}),
        ("consent", "consent.granted", {"channel": "sms", "source": "store"}),
        ("order", "order.placed", {"number": number, "items": 2, "total": total,
                                   "currency": "EUR", "fulfilment": "click_and_collect",
                                   "store_id": "PAR02"}),
        ("note", None, None),
    ]
    every = entries(client, world, customer_id)
    assert every[-1]["summary"] == "Likes blue."  # free text is its own summary
    assert every[2]["summary"].startswith(f"Order {number}: 2 items")  # and the English stays
    # The store's devices get the same entry through the feed.
    sent = feed_data(sessions, "interaction", every[2]["interaction_id"], "PAR01")
    assert (sent["code"], sent["params"]) == ("order.placed", said[2][2])
