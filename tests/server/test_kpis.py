"""`GET /kpis` by the rule of `domain.kpis`, against a brute-force reference written from the
contract's words on generated data (SQLite and PostgreSQL); and `GET /staff`, the store's staff
a manager gives tasks to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from clienteling.server.orders.models import OrderRow
from tests.server.conftest import World
from tests.server.test_clients import Person, book  # noqa: F401  (the generated book)

API = "/api/v1"


def reference(people: list[Person], store_id: str, now: datetime,
              pickups: int) -> dict[str, object]:
    """The contract's sentences, one client at a time."""
    mine = [p for p in people if p.home_store_id == store_id and not p.erased]
    since = now - timedelta(days=90)
    active = new = 0
    revenue = {c: Decimal("0") for c in ("web", "app", "store", "phone")}
    values: dict[int, list[Decimal]] = {}
    for person in mine:
        bought = [o for o in person.orders if o.status != "cancelled"]
        if bought and max(o.created_at for o in bought) >= since:
            active += 1
        if bought and min(o.created_at for o in bought) >= since:
            new += 1
        for order in bought:
            revenue[order.channel] += order.total
        channels = len({o.channel for o in bought})
        values.setdefault(channels, []).append(sum((o.total for o in bought), Decimal("0")))
    cent = Decimal("0.01")
    return {
        "store_id": store_id, "active_clients": active, "new_clients": new,
        "consent_share": {"email": sum(p.consent_email for p in mine) / len(mine),
                          "sms": sum(p.consent_sms for p in mine) / len(mine)},
        "revenue_by_channel": {k: str(v.quantize(cent)) for k, v in revenue.items()},
        "average_value_by_channels": {
            str(n): str((sum(values[n], Decimal("0")) / len(values[n])).quantize(
                cent, rounding=ROUND_HALF_UP) if values.get(n) else Decimal("0.00"))
            for n in range(1, 5)},
        "pickups_waiting": pickups}


def test_kpis_match_the_reference(client: TestClient, world: World,
                                  book: tuple[list[Person], int],  # noqa: F811
                                  sessions: sessionmaker[Session]) -> None:
    people, _ = book
    # Three orders of PAR01's clients to collect there: two waiting (confirmed, ready), one
    # collected.
    chosen = [(p, j) for p in people if p.home_store_id == "PAR01" and not p.erased
              for j in range(len(p.orders))][:3]
    with sessions() as session, session.begin():
        for (person, j), status in zip(chosen, ("confirmed", "ready_for_pickup", "collected"),
                                       strict=True):
            order = person.orders[j]
            person.orders[j] = type(order)(status=status, total=order.total,
                                           currency=order.currency, channel=order.channel,
                                           created_at=order.created_at)
            session.execute(update(OrderRow).where(
                OrderRow.order_number == f"N-{person.customer_id[1:]}-{j}").values(
                fulfillment_type="click_and_collect", fulfillment_store_id="PAR01",
                status=status))
    from clienteling.server.customers import figures

    with sessions() as session, session.begin():
        figures.refresh(session, [p.customer_id for p in people])
    now = datetime.now(UTC)
    answer = client.get(f"{API}/kpis", headers=world.auth("manager"),
                        params={"store_id": "PAR01"})
    assert answer.status_code == 200, answer.text
    expected = reference(people, "PAR01", now, pickups=2)
    got = answer.json()
    assert got == expected
    assert got["active_clients"] > 0 and got["new_clients"] > 0  # the data says something


def test_the_store_staff_for_a_manager(client: TestClient, world: World) -> None:
    answer = client.get(f"{API}/staff", headers=world.auth("manager"),
                        params={"store_id": world.stores[0], "role": "seller"})
    assert answer.status_code == 200, answer.text
    me = client.get(f"{API}/auth/me", headers=world.auth("seller")).json()
    assert answer.json() == [{"staff_id": me["id"], "display_name": "Seller One",
                              "role": "seller"}]
    everyone = client.get(f"{API}/staff", headers=world.auth("admin"),
                          params={"store_id": world.stores[0]}).json()
    assert sorted(u["display_name"] for u in everyone) == ["Admin One", "Manager One",
                                                           "Seller One"]
    for who, store in (("seller", world.stores[0]), ("manager", world.stores[1])):
        refused = client.get(f"{API}/staff", headers=world.auth(who),
                             params={"store_id": store})
        assert refused.status_code == 403, (who, refused.text)
