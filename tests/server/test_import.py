"""The importer on SQLite and PostgreSQL: good files, every kind of bad row with its line,
all-or-nothing, --skip-invalid, idempotent re-imports, changes that bump versions and reach the
feed, stock held by open orders, a BOM, and a 20,000-customer import."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from clienteling.domain.cards import card_from_serial
from clienteling.domain.gtin import with_check_digit
from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
from clienteling.server.feed.models import ChangeRow
from clienteling.server.imports import rows
from clienteling.server.imports.rows import interaction_id
from clienteling.server.imports.service import ImportReport, import_directory
from clienteling.server.orders.models import OrderLineRow, OrderRow
from clienteling.server.products.models import ProductRow
from clienteling.server.stock.models import StockRow
from clienteling.server.stores.models import StoreRow

EAN_1 = with_check_digit("340123450001")
EAN_2 = with_check_digit("340123450002")
CARD_1, CARD_2, CARD_3 = card_from_serial(1), card_from_serial(2), card_from_serial(3)

STORES = """store_id,name,address,postcode,city,country,latitude,longitude,click_and_collect
PAR01,Paris Rivoli,144 rue de Rivoli,75001,Paris,FR,48.8609,2.3425,true
LYS01,Lyon République,58 rue de la République,69002,Lyon,FR,45.7617,4.8357,true
"""
PRODUCTS = f"""sku,ean,name,brand,category,price,currency
MOD-00001,{EAN_1},Pull en laine mérinos,Maison Verlaine,Mode,89.90,EUR
BEA-00001,{EAN_2},"Eau de parfum ""Fleur"" 50 ml",Célestine,Beauté,59.00,EUR
"""
STOCK = """store_id,sku,on_hand
PAR01,MOD-00001,5
LYS01,MOD-00001,2
PAR01,BEA-00001,10
"""
CUSTOMERS_HEADER = ("customer_id,loyalty_card,first_name,last_name,email,phone,birth_date,"
                    "home_store_id,tier,points,consent_email,consent_sms,created_at\n")
CUSTOMERS = CUSTOMERS_HEADER + (
    f"C1,{CARD_1},Hélène,Lefèvre,helene.lefevre@orange.fr,06 12 34 56 78,1980-05-03,PAR01,"
    f"gold,1200,true,false,2021-03-04T10:00:00\n"
    f"C2,{CARD_2},Benoît,Martin,,,,LYS01,member,0,false,false,2022-03-04T10:00:00+01:00\n")
WISHLISTS = """customer_id,sku,added_at
C1,BEA-00001,2025-01-01T09:00:00Z
"""
INTERACTIONS = """customer_id,occurred_at,channel,kind,summary
C1,2025-02-01T09:00:00,phone,complaint,"Colis reçu abîmé,
remboursement demandé"
"""
OPEN_ORDER = {"order_number": "WEB-250101-000001", "customer_id": "C1", "channel": "web",
              "status": "ready_for_pickup", "created_at": "2025-01-01T10:00:00",
              "fulfillment": {"type": "click_and_collect", "store_id": "LYS01"},
              "lines": [{"sku": "MOD-00001", "quantity": 1, "unit_price": "89.90"}],
              "total": "89.90", "currency": "EUR", "pickup_code": "ABCD23"}
PAST_ORDER = {"order_number": "WEB-240101-000002", "customer_id": "C2", "channel": "web",
              "status": "delivered", "created_at": "2024-01-01T10:00:00",
              "fulfillment": {"type": "home_delivery", "method": "standard", "fee": "4.90",
                              "address": {"line1": "1 rue X", "postcode": "69001",
                                          "city": "Lyon"}},
              "lines": [{"sku": "MOD-00001", "quantity": 2, "unit_price": 89.90}],
              "total": "184.70", "currency": "EUR"}


def jsonl(*orders: dict[str, Any]) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in orders)


GOOD = {"stores.csv": STORES, "products.csv": PRODUCTS, "stock.csv": STOCK,
        "customers.csv": CUSTOMERS, "wishlists.csv": WISHLISTS,
        "interactions.csv": INTERACTIONS, "orders.jsonl": jsonl(OPEN_ORDER, PAST_ORDER)}


def write(folder: Path, files: dict[str, str], *, bom: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for name, text in files.items():
        (folder / name).write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return folder


def run(sessions: sessionmaker[Session], folder: Path, **options: Any) -> ImportReport:
    with sessions() as session, session.begin():
        return import_directory(session, folder=folder, **options)


def count(sessions: sessionmaker[Session], model: Any) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def changes(sessions: sessionmaker[Session], after: int = 0
            ) -> list[tuple[str, str, str, str | None]]:
    """The feed (compacted: the latest change of each entity for each audience), in order."""
    with sessions() as session:
        return [tuple(r) for r in session.execute(
            select(ChangeRow.entity, ChangeRow.key, ChangeRow.op, ChangeRow.store_id)
            .where(ChangeRow.position > after).order_by(ChangeRow.position)).all()]


def head(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return int(session.scalar(select(func.max(ChangeRow.position))) or 0)


def problems(report: ImportReport) -> list[str]:
    return [str(p) for p in report.problems]


# --- good files ---------------------------------------------------------------------------


def test_good_files_are_imported_with_their_feed(sessions: sessionmaker[Session],
                                                  tmp_path: Path) -> None:
    report = run(sessions, write(tmp_path / "in", GOOD))
    assert report.applied and report.invalid == 0, problems(report)
    assert [(f.name, f.rows, f.inserted) for f in report.files] == [
        ("stores.csv", 2, 2), ("products.csv", 2, 2), ("stock.csv", 3, 3),
        ("customers.csv", 2, 2), ("wishlists.csv", 1, 1), ("interactions.csv", 1, 1),
        ("orders.jsonl", 2, 2)]
    with sessions() as session:
        helene = session.get(CustomerRow, "C1")
        assert helene is not None
        assert (helene.last_name_key, helene.phone_e164, helene.email_key, helene.version) == (
            "lefevre", "+33612345678", "helene.lefevre@orange.fr", 1)
        assert helene.consent_email and helene.consent_email_source == "import"
        assert helene.consent_email_at == helene.created_at
        benoit = session.get(CustomerRow, "C2")
        assert benoit is not None and benoit.created_at.hour == 9  # +01:00 read as UTC
        assert benoit.email is None and benoit.birth_date is None
        product = session.get(ProductRow, "BEA-00001")
        assert product is not None and product.name == 'Eau de parfum "Fleur" 50 ml'
        entry = session.scalars(select(InteractionRow).where(
            InteractionRow.kind == "complaint")).one()
        assert entry.summary == "Colis reçu abîmé,\nremboursement demandé"
        assert entry.interaction_id == interaction_id(
            "C1", entry.occurred_at, "phone", "complaint", entry.summary)
        # Every imported order also has its timeline entry, as an order placed through the API.
        assert session.get(InteractionRow, "order-WEB-250101-000001") is not None
        order = session.get(OrderRow, "WEB-250101-000001")
        assert order is not None and order.pickup_code == "ABCD23"
        assert [(ln.sku, ln.source_store_id) for ln in order.lines] == [("MOD-00001", "LYS01")]
        past = session.get(OrderRow, "WEB-240101-000002")
        assert past is not None and past.lines[0].source_store_id is None
        # The open click-and-collect order holds its unit on the Lyon shelf, nothing else does.
        levels = {(s.store_id, s.sku): (s.on_hand, s.reserved)
                  for s in session.scalars(select(StockRow))}
        assert levels == {("PAR01", "MOD-00001"): (5, 0), ("LYS01", "MOD-00001"): (2, 1),
                          ("PAR01", "BEA-00001"): (10, 0)}
    feed = changes(sessions)
    assert ("store", "PAR01", "upsert", None) in feed
    assert ("product", "MOD-00001", "upsert", None) in feed
    assert ("stock", "LYS01/MOD-00001", "upsert", "LYS01") in feed
    assert ("customer", "C2", "upsert", "LYS01") in feed
    assert ("wishlist_item", "C1/BEA-00001", "upsert", "PAR01") in feed
    # Hélène's open pickup in Lyon brings her (and everything of hers) to the Lyon devices.
    assert ("customer", "C1", "upsert", "PAR01") in feed
    assert ("customer", "C1", "upsert", "LYS01") in feed
    assert ("order", "WEB-250101-000001", "upsert", "LYS01") in feed
    assert ("wishlist_item", "C1/BEA-00001", "upsert", "LYS01") in feed


def test_reimporting_the_same_files_changes_nothing(sessions: sessionmaker[Session],
                                                     tmp_path: Path) -> None:
    folder = write(tmp_path / "in", GOOD)
    run(sessions, folder)
    before = changes(sessions)
    with sessions() as session:
        stamps = {c.customer_id: (c.version, c.updated_at) for c in
                  session.scalars(select(CustomerRow))}
        stock = {(s.store_id, s.sku): s.updated_at for s in session.scalars(select(StockRow))}
    report = run(sessions, folder)
    assert report.applied
    assert all(f.inserted == f.updated == 0 and f.unchanged == f.rows for f in report.files)
    assert changes(sessions) == before
    with sessions() as session:
        assert {c.customer_id: (c.version, c.updated_at) for c in
                session.scalars(select(CustomerRow))} == stamps
        assert {(s.store_id, s.sku): s.updated_at for s in
                session.scalars(select(StockRow))} == stock


def test_a_changed_row_bumps_the_version_and_reaches_the_feed(sessions: sessionmaker[Session],
                                                              tmp_path: Path) -> None:
    folder = write(tmp_path / "in", GOOD)
    run(sessions, folder)
    positions = head(sessions)
    moved = CUSTOMERS.replace(
        "Benoît,Martin,,,,LYS01,member,0,false,false",
        "Benoît,Martin,,,,PAR01,silver,10,false,true")
    report = run(sessions, write(folder, {**GOOD, "customers.csv": moved}))
    assert report.file("customers.csv").updated == 1
    assert report.file("customers.csv").unchanged == 1
    with sessions() as session:
        benoit = session.get(CustomerRow, "C2")
        assert benoit is not None
        assert (benoit.version, benoit.tier, benoit.home_store_id) == (2, "silver", "PAR01")
        # The SMS consent changed without a date in the file: dated now, from the import.
        assert benoit.consent_sms and benoit.consent_sms_source == "import"
        helene = session.get(CustomerRow, "C1")
        assert helene is not None and helene.version == 1
    feed = changes(sessions, positions)
    # Benoît moved from Lyon to Paris: Paris devices get him and his order, Lyon ones lose him.
    assert ("customer", "C2", "upsert", "PAR01") in feed
    assert ("order", "WEB-240101-000002", "upsert", "PAR01") in feed
    assert ("customer", "C2", "delete", "LYS01") in feed
    assert not any(key == "C1" for _, key, _, _ in feed)


def test_collecting_an_imported_order_releases_its_stock(sessions: sessionmaker[Session],
                                                         tmp_path: Path) -> None:
    folder = write(tmp_path / "in", GOOD)
    run(sessions, folder)
    seen = head(sessions)
    collected = {**OPEN_ORDER, "status": "collected"}
    report = run(sessions, write(folder, {"orders.jsonl": jsonl(collected, PAST_ORDER)}))
    assert report.file("orders.jsonl").updated == 1
    with sessions() as session:
        level = session.get(StockRow, ("LYS01", "MOD-00001"))
        assert level is not None and (level.on_hand, level.reserved) == (2, 0)
        assert session.get(OrderRow, "WEB-250101-000001").pickup_code == "ABCD23"  # type: ignore[union-attr]
    feed = changes(sessions, seen)
    assert ("stock", "LYS01/MOD-00001", "upsert", "LYS01") in feed
    # No longer to collect in Lyon: Hélène leaves the Lyon devices.
    assert ("customer", "C1", "delete", "LYS01") in feed


def test_a_new_imported_order_was_last_updated_when_made_a_changed_one_now(
        sessions: sessionmaker[Session], tmp_path: Path) -> None:
    # History imported today must not read as collected today at the pickup counter.
    folder = write(tmp_path / "in", GOOD)
    run(sessions, folder)
    with sessions() as session:
        past = session.get(OrderRow, "WEB-240101-000002")
        assert past is not None and past.updated_at == datetime(2024, 1, 1, 10, tzinfo=UTC)
    before = datetime.now(UTC)
    collected = {**OPEN_ORDER, "status": "collected"}
    run(sessions, write(folder, {"orders.jsonl": jsonl(collected, PAST_ORDER)}))
    with sessions() as session:
        moved = session.get(OrderRow, "WEB-250101-000001")
        assert moved is not None and moved.updated_at >= before
        past = session.get(OrderRow, "WEB-240101-000002")
        assert past is not None and past.updated_at == datetime(2024, 1, 1, 10, tzinfo=UTC)


def test_an_open_order_on_a_shelf_without_stock_creates_the_row(
        sessions: sessionmaker[Session], tmp_path: Path) -> None:
    order = {**OPEN_ORDER, "order_number": "WEB-250101-000009",
             "lines": [{"sku": "BEA-00001", "quantity": 2, "unit_price": "59.00"}],
             "total": "118.00"}
    report = run(sessions, write(tmp_path / "in", {**GOOD, "orders.jsonl": jsonl(order)}))
    assert report.applied, problems(report)
    with sessions() as session:
        level = session.get(StockRow, ("LYS01", "BEA-00001"))
        assert level is not None and (level.on_hand, level.reserved) == (0, 2)


def test_a_file_with_a_bom_is_read(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    report = run(sessions, write(tmp_path / "in", GOOD, bom=True))
    assert report.applied and report.invalid == 0, problems(report)
    assert count(sessions, CustomerRow) == 2


def test_only_the_files_present_are_imported(sessions: sessionmaker[Session],
                                             tmp_path: Path) -> None:
    run(sessions, write(tmp_path / "in", GOOD))
    report = run(sessions, write(tmp_path / "in", {"wishlists.csv": WISHLISTS.replace(
        "BEA-00001", "MOD-00001")}))
    assert report.applied and [f.name for f in report.files] == ["wishlists.csv"]
    assert count(sessions, WishlistRow) == 2


# --- bad rows -----------------------------------------------------------------------------


BAD_CUSTOMERS = CUSTOMERS_HEADER + (
    f"C1,{CARD_1[:-1]}0,Hélène,Lefèvre,,,,PAR01,gold,0,true,false,2021-03-04T10:00:00\n"
    f"C3,{CARD_3},Chloé,Petit,,,,NOPE1,member,0,false,false,2021-03-04T10:00:00\n"
    f"C4,{card_from_serial(4)},Gaëlle,Roux,,,1980-02-30,PAR01,member,0,false,false,"
    f"2021-03-04T10:00:00\n"
    f"C5,{card_from_serial(5)},Anaïs,Roy,,,,PAR01,member,0,yes,false,2021-03-04T10:00:00\n"
    f"C2,{CARD_2},Benoît,Martin,,,,LYS01,member,0,false,false,2022-03-04T10:00:00\n"
    f"C2,{card_from_serial(6)},Benoît,Martin,,,,LYS01,member,0,false,false,"
    f"2022-03-04T10:00:00\n"
    f"C7,{card_from_serial(7)},Léa,Blanc,not-an-email,,,PAR01,member,0,false,false,"
    f"2021-03-04T10:00:00\n"
    f"C8,{card_from_serial(8)},Léa,Blanc,,12,,PAR01,member,0,false,false,2021-03-04T10:00:00\n"
    f"C9,{card_from_serial(9)},Léa,Blanc,,,,PAR01,member,0,false,false,04/03/2021\n"
    f"C10,{CARD_2},Léa,Blanc,,,,PAR01,member,0,false,false,2021-03-04T10:00:00\n"
    "C11,too,few\n")


def test_every_bad_row_is_reported_with_its_line(sessions: sessionmaker[Session],
                                                  tmp_path: Path) -> None:
    files = {
        **GOOD,
        "products.csv": PRODUCTS + f"MOD-00002,{EAN_1[:-1]}0,Jupe,Rivages,Mode,49.00,EUR\n"
                                   f"MOD-00003,{with_check_digit('340123450003')},Jupe,Rivages,"
                                   f"Mode,\"49,90\",EUR\n",
        "customers.csv": BAD_CUSTOMERS,
        "wishlists.csv": WISHLISTS + "C404,MOD-00001,2025-01-01T09:00:00Z\n",
        "interactions.csv": INTERACTIONS + "C1,2025-02-01T09:00:00,pigeon,complaint,Hmm\n",
        "orders.jsonl": jsonl(OPEN_ORDER, {**PAST_ORDER, "lines": [
            {"sku": "NOPE-1", "quantity": 1, "unit_price": "1.00"}]}) + "{not json\n"
            + jsonl({**PAST_ORDER, "order_number": "WEB-240101-000003", "status": "collected"}),
    }
    report = run(sessions, write(tmp_path / "in", files))
    assert not report.applied
    found = problems(report)
    expected = [
        "products.csv:4: ean: check digit does not match",
        "products.csv:5: price: not a price with a dot and at most 2 decimals: '49,90'",
        "customers.csv:2: loyalty_card: check digit does not match, scan again",
        "customers.csv:3: home_store_id: unknown store 'NOPE1' (neither in the database nor "
        "in stores.csv)",
        "customers.csv:4: birth_date: no such date: '1980-02-30'",
        "customers.csv:5: consent_email: not a boolean (true or false): 'yes'",
        "customers.csv:8: email: not an email address: 'not-an-email'",
        "customers.csv:9: phone: not a phone number: '12'",
        "customers.csv:10: created_at: not an ISO 8601 timestamp: '04/03/2021'",
        "customers.csv:12: 13 fields expected, 3 found",
        "customers.csv:7: duplicate key 'C2' (first on line 6)",
        f"customers.csv:11: loyalty_card: '{CARD_2}' is also on line 6",
        # C1's own row is bad, so the rows that refer to C1 are too.
        "wishlists.csv:2: customer_id: unknown customer 'C1' (neither in the database nor in "
        "customers.csv)",
        "interactions.csv:2: customer_id: unknown customer 'C1' (neither in the database nor in "
        "customers.csv)",
        "orders.jsonl:1: customer_id: unknown customer 'C1' (neither in the database nor in "
        "customers.csv)",
        "wishlists.csv:3: customer_id: unknown customer 'C404' (neither in the database nor in "
        "customers.csv)",
        "interactions.csv:4: channel: unknown value 'pigeon' (one of: app, chat, email, mail, "
        "phone, sms, social, store, web)",
        "orders.jsonl:2: lines[0].sku: unknown product 'NOPE-1' (neither in the database nor in "
        "products.csv)",
        "orders.jsonl:3: not valid JSON: Expecting property name enclosed in double quotes",
        "orders.jsonl:4: status: an order with home_delivery cannot be collected",
    ]
    assert sorted(found) == sorted(expected)
    assert report.invalid == len(expected)
    # All or nothing: not even the good stores went in.
    assert count(sessions, StoreRow) == 0
    assert count(sessions, ChangeRow) == 0


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("stores.csv", "store_id,name\nPAR01,Paris\n",
     "stores.csv:1: missing columns: address, postcode, city, country, latitude, longitude, "
     "click_and_collect"),
    ("stock.csv", "store_id,sku,on_hand,colour\n",
     "stock.csv:1: unknown column 'colour' (the columns are: store_id, sku, on_hand)"),
    ("stock.csv", "", "stock.csv:1: the file is empty: a header row is required"),
    ("stock.csv", "store_id,sku,on_hand\nPAR01,\"MOD,5\n",
     "stock.csv:2: not valid CSV: unexpected end of data"),
])
def test_a_file_that_cannot_be_read_is_refused_whole(
        sessions: sessionmaker[Session], tmp_path: Path, name: str, text: str,
        reason: str) -> None:
    report = run(sessions, write(tmp_path / "in", {name: text}))
    assert problems(report) == [reason]
    assert not report.applied


def test_a_file_that_is_not_utf8_is_refused(sessions: sessionmaker[Session],
                                            tmp_path: Path) -> None:
    folder = write(tmp_path / "in", {})
    (folder / "stores.csv").write_bytes(STORES.replace("République", "R\xe9publique").encode(
        "latin-1"))
    report = run(sessions, folder)
    assert problems(report) == ["stores.csv:3: not UTF-8 text: save the file as UTF-8"]
    assert not report.applied


def test_skip_invalid_applies_the_good_rows_and_reports_the_bad(
        sessions: sessionmaker[Session], tmp_path: Path) -> None:
    files = {**GOOD, "customers.csv": BAD_CUSTOMERS,
             "wishlists.csv": WISHLISTS + "C3,MOD-00001,2025-01-01T09:00:00Z\n"
                                          "C2,MOD-00001,2025-01-01T09:00:00Z\n"}
    report = run(sessions, write(tmp_path / "in", files), skip_invalid=True)
    assert report.applied
    with sessions() as session:
        # C2 (first occurrence) is the only good customer row; C1 had a bad card.
        assert list(session.scalars(select(CustomerRow.customer_id))) == ["C2"]
        assert list(session.scalars(select(WishlistRow.customer_id))) == ["C2"]
        assert list(session.scalars(select(OrderRow.order_number))) == ["WEB-240101-000002"]
    found = problems(report)
    assert "customers.csv:2: loyalty_card: check digit does not match, scan again" in found
    # Rows of customers that were not imported are reported, not refused by the database.
    assert any(p.startswith("wishlists.csv:2: customer_id: unknown customer 'C1'") for p in found)
    assert any(p.startswith("wishlists.csv:3: customer_id: unknown customer 'C3'") for p in found)
    assert any(p.startswith("orders.jsonl:1: customer_id: unknown customer 'C1'") for p in found)
    assert any(p.startswith("interactions.csv:2: customer_id: unknown customer 'C1'")
               for p in found)


def test_references_may_come_from_the_database(sessions: sessionmaker[Session],
                                               tmp_path: Path) -> None:
    run(sessions, write(tmp_path / "in", GOOD))
    taken = CUSTOMERS_HEADER + (f"C9,{CARD_1},Zoé,Roy,,,,LYS01,member,0,false,false,"
                                f"2022-03-04T10:00:00\n")
    report = run(sessions, write(tmp_path / "in", {
        "customers.csv": taken,
        "wishlists.csv": "customer_id,sku,added_at\nC2,BEA-00001,2025-03-01T10:00:00\n"}))
    assert problems(report) == ["customers.csv:2: loyalty_card: already the card of customer 'C1'"]
    report = run(sessions, write(tmp_path / "in", {
        "wishlists.csv": "customer_id,sku,added_at\nC2,BEA-00001,2025-03-01T10:00:00\n",
        "orders.jsonl": jsonl({**PAST_ORDER, "customer_id": "C1"})}))
    assert problems(report) == [
        "orders.jsonl:1: customer_id: order 'WEB-240101-000002' is customer 'C2''s"]
    report = run(sessions, write(tmp_path / "in", {
        "wishlists.csv": "customer_id,sku,added_at\nC2,BEA-00001,2025-03-01T10:00:00\n"}))
    assert report.applied and report.file("wishlists.csv").inserted == 1


# --- volume -------------------------------------------------------------------------------


@pytest.mark.slow
def test_twenty_thousand_customers(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    from clienteling.server.demo.generator import write_import_files

    generated = tmp_path / "generated"
    write_import_files(generated, customers=20_000, seed=3)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("stores.csv", "products.csv", "customers.csv"):
        (generated / name).rename(folder / name)
    started = time.perf_counter()
    report = run(sessions, folder)
    seconds = time.perf_counter() - started
    assert report.applied and report.invalid == 0, problems(report)
    assert report.file("customers.csv").inserted == 20_000
    assert count(sessions, CustomerRow) == 20_000
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(ChangeRow).where(
            ChangeRow.entity == "customer")) == 20_000
        assert session.scalar(select(func.count()).select_from(CustomerRow).where(
            CustomerRow.phone.is_not(None), CustomerRow.phone_e164.is_(None))) == 0
    print(f"\n20,000 customers imported in {seconds:.1f} s "
          f"({20_000 / seconds:,.0f} rows/s for the whole run)")
    started = time.perf_counter()
    again = run(sessions, folder)
    assert again.file("customers.csv").unchanged == 20_000
    print(f"re-imported unchanged in {time.perf_counter() - started:.1f} s")


def test_order_lines_keep_their_order_and_prices(sessions: sessionmaker[Session],
                                                 tmp_path: Path) -> None:
    order = {**PAST_ORDER, "lines": [
        {"sku": "MOD-00001", "quantity": 1, "unit_price": "89.90"},
        {"sku": "BEA-00001", "quantity": 3, "unit_price": 59}]}
    report = run(sessions, write(tmp_path / "in", {**GOOD, "orders.jsonl": jsonl(order)}))
    assert report.applied, problems(report)
    with sessions() as session:
        lines = session.scalars(select(OrderLineRow).order_by(OrderLineRow.line_no)).all()
        assert [(ln.line_no, ln.sku, ln.quantity, str(ln.unit_price)) for ln in lines] == [
            (1, "MOD-00001", 1, "89.90"), (2, "BEA-00001", 3, "59.00")]


# --- any input ----------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)
_order_keys = st.sampled_from(sorted(set(OPEN_ORDER) | set(PAST_ORDER) | {"lines", "x"}))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_order_keys, _json, max_size=12), st.booleans())
def test_any_json_order_is_parsed_or_refused_with_a_reason(obj: dict[str, Any],
                                                           from_good: bool) -> None:
    order = {**PAST_ORDER, **obj} if from_good else obj
    try:
        record = rows.parse_order(order, "FR")
    except rows.RowError as error:
        assert error.reason and ":" in error.reason
    else:
        assert record["order_number"] and record["lines"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=13, max_size=13))
def test_any_customer_cells_are_parsed_or_refused_with_a_reason(cells: list[str]) -> None:
    row = dict(zip(CUSTOMERS_HEADER.strip().split(","), cells, strict=True))
    try:
        rows.parse_customer(row, "FR")
    except rows.RowError as error:
        assert error.reason.split(":")[0] in row
