"""The demo chain: deterministic for a seed, realistic and valid, loaded through the importer
with working staff accounts."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from clienteling.domain.cards import normalize_card
from clienteling.domain.gtin import is_valid_gtin
from clienteling.server.clients.models import TaskRow
from clienteling.server.customers.models import CustomerRow
from clienteling.server.demo.generator import write_import_files
from clienteling.server.demo.seed import DEMO_PASSWORD, demo_accounts, seed_demo
from clienteling.server.feed.models import ChangeRow
from clienteling.server.imports.rows import FORMATS
from clienteling.server.orders.models import OrderRow
from clienteling.server.stock.models import StockRow

NAMES = [fmt.name for fmt in FORMATS]


def generate(folder: Path, customers: int = 300, seed: int = 1) -> dict[str, bytes]:
    write_import_files(folder, customers=customers, seed=seed)
    return {name: (folder / name).read_bytes() for name in NAMES}


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_same_seed_same_files_byte_for_byte(tmp_path: Path) -> None:
    assert generate(tmp_path / "a") == generate(tmp_path / "b")


def test_another_seed_other_data(tmp_path: Path) -> None:
    first, second = generate(tmp_path / "a", seed=1), generate(tmp_path / "b", seed=2)
    assert first["stores.csv"] == second["stores.csv"]  # the same chain of shops
    for name in NAMES[1:]:
        assert first[name] != second[name], name


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_import_files(folder, customers=2000, seed=1)
    return folder


def test_a_french_chain_of_real_shops(demo_files: Path) -> None:
    stores = rows(demo_files, "stores.csv")
    assert len(stores) >= 8
    cities = Counter(s["city"] for s in stores)
    assert cities["Paris"] >= 2
    assert {"Lyon", "Marseille", "Bordeaux", "Lille", "Toulouse", "Nantes",
            "Strasbourg"} <= set(cities)
    for store in stores:
        assert store["country"] == "FR" and store["address"][0].isdigit()
        assert 41 < float(store["latitude"]) < 52 and -5 < float(store["longitude"]) < 9


def test_products_have_valid_french_eans(demo_files: Path) -> None:
    products = rows(demo_files, "products.csv")
    assert 200 <= len(products) <= 1000
    assert len({p["ean"] for p in products}) == len(products)
    for product in products:
        assert is_valid_gtin(product["ean"]) and len(product["ean"]) == 13
        assert 300 <= int(product["ean"][:3]) <= 379
    assert {"Mode", "Beauté", "Maison", "Chaussures", "Accessoires"} <= {
        p["category"] for p in products}


def test_customers_are_plausible_french_people(demo_files: Path) -> None:
    customers = rows(demo_files, "customers.csv")
    assert len(customers) == 2000
    assert customers[0]["last_name"] == "Lefèvre"
    names = " ".join(c["first_name"] + " " + c["last_name"] for c in customers)
    for accented in ("é", "è", "ë", "ï", "ô"):
        assert accented in names
    assert len({c["loyalty_card"] for c in customers}) == 2000
    phones = 0
    for customer in customers:
        assert normalize_card(customer["loyalty_card"]) == customer["loyalty_card"]
        if customer["phone"]:
            number = phonenumbers.parse(customer["phone"], "FR")
            assert phonenumbers.is_valid_number(number), customer["phone"]
            assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
            phones += 1
        if customer["email"]:
            assert customer["email"].isascii() and "@" in customer["email"]
        for channel in ("email", "sms"):
            granted = customer[f"consent_{channel}"] == "true"
            assert bool(customer[f"consent_{channel}_at"]) == granted
            assert bool(customer[f"consent_{channel}_source"]) == granted
    assert phones > 1500
    assert Counter(c["tier"] for c in customers).keys() >= {"member", "silver", "gold"}


def test_three_years_of_orders_in_every_channel(demo_files: Path) -> None:
    with (demo_files / "orders.jsonl").open(encoding="utf-8") as handle:
        orders = [json.loads(line) for line in handle]
    assert 5000 < len(orders) < 7000
    assert Counter(o["channel"] for o in orders).keys() == {"web", "app", "store", "phone"}
    statuses = Counter(o["status"] for o in orders)
    settled = statuses["delivered"] + statuses["collected"]
    assert settled > 0.8 * len(orders)
    assert statuses["returned"] > 0 and statuses["cancelled"] > 0
    pickups = [o for o in orders if o["fulfillment"]["type"] == "click_and_collect"
               and o["status"] in ("confirmed", "ready_for_pickup")]
    assert 1 <= len(pickups) <= 60  # a few orders waiting in the pickup queues
    assert all(o["pickup_code"] for o in pickups)
    days = sorted(o["created_at"][:10] for o in orders)
    assert days[0] < "2024-01-01" and days[-1] >= "2026-11-01"
    assert len({o["order_number"] for o in orders}) == len(orders)
    kinds = Counter(r["kind"] for r in rows(demo_files, "interactions.csv"))
    assert {"complaint", "request", "feedback", "call", "email", "return"} <= kinds.keys()


def test_stock_covers_what_open_orders_hold(demo_files: Path) -> None:
    held: Counter[tuple[str, str]] = Counter()
    with (demo_files / "orders.jsonl").open(encoding="utf-8") as handle:
        for order in map(json.loads, handle):
            if order["status"] in ("confirmed", "ready_for_pickup") and (
                    order["fulfillment"]["type"] != "home_delivery"):
                for line in order["lines"]:
                    held[(order["fulfillment"]["store_id"], line["sku"])] += line["quantity"]
    on_hand = {(r["store_id"], r["sku"]): int(r["on_hand"])
               for r in rows(demo_files, "stock.csv")}
    for key, quantity in held.items():
        assert on_hand[key] >= quantity


def test_seeding_imports_the_chain_and_creates_the_accounts(
        sessions: sessionmaker[Session], client: TestClient, tmp_path: Path) -> None:
    with sessions() as session, session.begin():
        result = seed_demo(session, customers=150, seed=1, workdir=tmp_path)
    assert result.report.applied and result.report.invalid == 0
    assert sorted(result.created) == sorted(a.username for a in demo_accounts(1))
    assert len(result.accounts) == 2 * 12 + 1
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(CustomerRow)) == 150
        held = session.scalar(select(func.sum(StockRow.reserved))) or 0
        open_orders = session.scalar(select(func.count()).select_from(OrderRow).where(
            OrderRow.status.in_(["confirmed", "ready_for_pickup"])))
        assert (held > 0) == (open_orders > 0)
        feed_size = session.scalar(select(func.count()).select_from(ChangeRow))
        # The managers' book looks real: assigned clients, open and done follow-ups.
        assert session.scalar(select(func.count()).select_from(CustomerRow).where(
            CustomerRow.assigned_seller_id.is_not(None))) > 20
        statuses = set(session.scalars(select(TaskRow.status)))
    assert result.tasks > 0 and statuses == {"open", "done"}
    # Seeding again changes nothing and creates no account.
    with sessions() as session, session.begin():
        again = seed_demo(session, customers=150, seed=1, workdir=tmp_path)
    assert again.created == [] and again.tasks == 0
    assert all(f.inserted == f.updated == 0 for f in again.report.files)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(ChangeRow)) == feed_size
    # A printed account signs in: the admin's search of the chain finds the Lefèvres, a
    # seller's finds their store's customers only.
    def search(username: str, **params: str) -> list[dict]:
        answer = client.post("/api/v1/auth/login", json={
            "username": username, "password": DEMO_PASSWORD, "device_name": "pytest"})
        assert answer.status_code == 200, answer.text
        found = client.get("/api/v1/customers", params={**params, "limit": 200}, headers={
            "Authorization": f"Bearer {answer.json()['access_token']}"})
        assert found.status_code == 200, found.text
        return found.json()["items"]

    assert "Lefèvre" in {item["last_name"] for item in search("admin", q="lefevre")}
    parisian = search("admin", store_id="PAR01")[0]
    mine = search("seller.par01", q=parisian["last_name"])
    assert parisian["customer_id"] in {item["customer_id"] for item in mine}
    assert {item["home_store_id"] for item in mine} == {"PAR01"}
