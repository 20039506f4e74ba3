"""The replica file: permissions, versions, applying feed pages, search, reads with overlay."""

from __future__ import annotations

import sqlite3
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay, queue
from clienteling.outbox.kinds import note_add, order_create
from clienteling.replica import database, reads
from clienteling.replica.apply import BadChange, apply_changes, clear_server_state
from clienteling.replica.database import Replica
from clienteling.replica.key import ReplicaKeys
from tests.replica.feed_data import change, customer, order, small_chain, stock
from tests.replica.keys import memory_keys


@pytest.fixture
def keys() -> ReplicaKeys:
    return memory_keys()


@pytest.fixture
def replica(tmp_path: Path, keys: ReplicaKeys):  # type: ignore[no-untyped-def]
    opened = Replica.open(tmp_path / "replicas" / "r.sqlite3", keys)
    yield opened
    opened.close()


@pytest.fixture
def loaded(replica: Replica) -> Replica:
    with replica.write() as conn:
        apply_changes(conn, small_chain())
    return replica


def table(replica: Replica, sql: str) -> list[tuple]:
    with replica.read() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).all()]


def test_file_is_private_wal_and_versioned(replica: Replica, keys: ReplicaKeys) -> None:
    with replica.write() as conn:
        apply_changes(conn, small_chain())
    for path in (replica.path, replica.path.with_name(replica.path.name + "-wal"),
                 replica.path.with_name(replica.path.name + "-shm")):
        assert path.exists(), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(replica.path.parent.stat().st_mode) == 0o700
    assert table(replica, "PRAGMA journal_mode") == [("wal",)]
    assert database.read_version(replica.path, keys.load(replica.path)) == database.SCHEMA_VERSION
    with replica.read() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 2  # FULL


def test_an_existing_loose_file_is_tightened(tmp_path: Path, keys: ReplicaKeys) -> None:
    path = tmp_path / "r.sqlite3"
    Replica.open(path, keys).close()
    path.chmod(0o644)
    Replica.open(path, keys).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_replica_from_a_newer_version_is_refused_and_left_alone(
        tmp_path: Path, keys: ReplicaKeys) -> None:
    path = tmp_path / "r.sqlite3"
    Replica.open(path, keys).close()
    conn = database.connect(path, keys.load(path))
    conn.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DomainError) as caught:
        Replica.open(path, keys)
    assert caught.value.code == "replica.too_new"
    assert caught.value.params["found"] == database.SCHEMA_VERSION + 1
    assert caught.value.params["supported"] == database.SCHEMA_VERSION
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_replica_is_refused_and_left_alone(
        tmp_path: Path, keys: ReplicaKeys) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE something (x)")
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(DomainError) as caught:
        Replica.open(foreign, keys)
    assert caught.value.code == "replica.corrupt"
    assert foreign.read_bytes() == before


def test_a_file_its_key_does_not_open_is_refused_and_left_alone(
        tmp_path: Path, keys: ReplicaKeys) -> None:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database at all" * 100)
    keys.create(garbage)
    with pytest.raises(DomainError) as caught:
        Replica.open(garbage, keys)
    assert caught.value.code == "replica.wrong_key"
    assert "another device" in str(caught.value)
    assert garbage.read_bytes() == b"this is not a database at all" * 100


def _with_pending_work(replica: Replica) -> int:
    with replica.write() as conn:
        apply_changes(conn, small_chain())
        Replica.set_meta(conn, "cursor", "0-42")
        Replica.set_meta(conn, "complete", "1")
        return queue.enqueue(conn, kind=note_add.KIND, customer_id="C1",
                              payload={"text": "rappeler", "interaction_id": "n-1"})


def test_an_older_replica_without_a_migration_is_rebuilt_keeping_the_outbox(
        tmp_path: Path, keys: ReplicaKeys, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.sqlite3"
    old = Replica.open(path, keys)
    entry_id = _with_pending_work(old)
    key = table(old, "SELECT idempotency_key FROM outbox")[0][0]
    old.close()

    monkeypatch.setattr(database, "SCHEMA_VERSION", database.SCHEMA_VERSION + 1)
    new = Replica.open(path, keys)
    try:
        assert database.read_version(path, keys.load(path)) == database.SCHEMA_VERSION
        assert table(new, "SELECT id, kind, idempotency_key FROM outbox") == [
            (entry_id, note_add.KIND, key)]
        assert table(new, "SELECT count(*) FROM customers") == [(0,)]
        assert new.meta("cursor") is None and new.meta("complete") is None
        # The search index came back empty and works.
        with new.write() as conn:
            apply_changes(conn, small_chain())
        with new.read() as conn:
            assert [c.customer_id for c in reads.search_customers(conn, "lefevre", 10)] == ["C1"]
    finally:
        new.close()


def test_an_older_replica_with_a_migration_is_upgraded_in_place(
        tmp_path: Path, keys: ReplicaKeys, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.sqlite3"
    old = Replica.open(path, keys)
    _with_pending_work(old)
    old.close()
    current = database.SCHEMA_VERSION
    steps: list[int] = []

    def add_column(conn):  # type: ignore[no-untyped-def]
        steps.append(current)
        conn.exec_driver_sql("ALTER TABLE customers ADD COLUMN nickname TEXT")

    monkeypatch.setattr(database, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(database.MIGRATIONS, current, add_column)
    new = Replica.open(path, keys)
    try:
        assert steps == [current]
        assert database.read_version(path, keys.load(path)) == current + 1
        assert table(new, "SELECT count(*) FROM customers") == [(2,)]
        assert new.meta("cursor") == "0-42"
    finally:
        new.close()


def test_a_page_lands_whole_and_reads_back_as_the_server_sent_it(loaded: Replica) -> None:
    with loaded.read() as conn:
        counts = reads.counts(conn)
        assert counts == {"store": 3, "product": 3, "stock": 4, "customer": 2, "order": 3,
                          "wishlist_item": 1, "interaction": 2}
        view = overlay.customer_360(conn, "C1", store_id="PAR01")
    assert view is not None
    assert view.profile.first_name == "Hélène" and view.profile.card == "2900000000018"
    assert [o.order_number for o in view.orders] == ["O-3", "O-2", "O-1"]
    assert view.orders[1].lines[0].unit_price == Decimal("95.00")
    assert view.orders[1].pickup_payload == "clienteling:pickup/O-2/ABCD1234"
    # Stats as the server computes them: every order but the cancelled one.
    assert view.stats.orders_count == 2
    assert view.stats.lifetime_value == Decimal("379.00")
    assert view.stats.channels == ("store", "web")
    assert [t.interaction_id for t in view.timeline] == ["I-2", "I-1"]
    assert [(e.sku, e.available_here) for e in view.wishlist] == [("SKU-3", None)]


def test_a_bad_change_rolls_the_whole_page_back(replica: Replica) -> None:
    broken = {"entity": "customer", "op": "upsert", "key": "C9",
              "data": {"customer_id": "C9", "first_name": "No loyalty"}}
    with pytest.raises(BadChange), replica.write() as conn:
        apply_changes(conn, [*small_chain(), broken])
        Replica.set_meta(conn, "cursor", "0-99")
    assert table(replica, "SELECT count(*) FROM customers") == [(0,)]
    assert replica.meta("cursor") is None


def test_last_change_of_a_key_wins_and_a_customer_delete_takes_their_things(
        loaded: Replica) -> None:
    with loaded.write() as conn:
        apply_changes(conn, [
            change("stock", "PAR01/SKU-1", stock("PAR01", "SKU-1", 9)),
            change("stock", "PAR01/SKU-1", stock("PAR01", "SKU-1", 4)),
            change("customer", "C1", None),
            change("order", "O-9", order("O-9", "C2")),
            change("order", "O-9", None),
        ])
    assert table(loaded, "SELECT on_hand FROM stock WHERE store_id='PAR01' AND sku='SKU-1'"
                 ) == [(4,)]
    for name in ("orders", "wishlist_items", "interactions"):
        assert table(loaded, f"SELECT count(*) FROM {name} WHERE customer_id='C1'") == [(0,)]
    assert table(loaded, "SELECT count(*) FROM orders") == [(0,)]
    with loaded.read() as conn:
        assert reads.search_customers(conn, "lefevre", 10) == []


def test_clearing_server_state_keeps_the_outbox(loaded: Replica) -> None:
    with loaded.write() as conn:
        queue.enqueue(conn, kind=note_add.KIND, customer_id="C1",
                       payload={"text": "x", "interaction_id": "n-2"})
        clear_server_state(conn)
    assert table(loaded, "SELECT count(*) FROM customers") == [(0,)]
    assert table(loaded, "SELECT count(*) FROM outbox") == [(1,)]
    with loaded.read() as conn:
        assert reads.search_customers(conn, "helene", 10) == []


@pytest.mark.parametrize(("query", "expected"), [
    ("lefevre", ["C1"]), ("LEFÈVRE", ["C1"]), ("Lef", ["C1"]), ("hel lef", ["C1"]),
    ("helene.lefevre@example.fr", ["C1"]), ("helene.lef", ["C1"]),
    ("+33612345678", ["C1"]), ("06 12 34 56 78", ["C1"]), ("0612345678", ["C1"]),
    ("06.12.34", ["C1"]), ("612345678", ["C1"]), ("0698765432", ["C2"]),
    ("+33 6 98 76 54 32", ["C2"]), ("o'brien", ["C2"]), ("obri", []), ("brien", ["C2"]),
    ("jean-eloi", ["C2"]), ("éloi", ["C2"]), ("2900000000025", ["C2"]), ("29000", ["C1", "C2"]),
    ("", []), ("   ", []), ('"', []), ("*", []), ("NEAR(a b)", []), ("lefevre OR x", []),
])
def test_search_is_accent_case_and_format_insensitive_with_prefixes(
        loaded: Replica, query: str, expected: list[str]) -> None:
    with loaded.read() as conn:
        found = reads.search_customers(conn, query, 50)
    assert sorted(c.customer_id for c in found) == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("coeur", ["C3"]), ("Cœur", ["C3"]), ("COEUR", ["C3"]), ("strasse", ["C4"]),
    ("Straße", ["C4"]), ("aesa", ["C5"]), ("Æsa", ["C5"]), ("Cœur strasse", []),
])
def test_search_folds_ligatures_both_ways(loaded: Replica, query: str,
                                          expected: list[str]) -> None:
    # A French seller types "coeur" for "Cœur", a German one "strasse" for "Straße": NFKD does
    # not decompose these letters, so the folding must spell them out, on both sides.
    with loaded.write() as conn:
        apply_changes(conn, [
            change("customer", "C3", customer("C3", "Marie", "Cœur", serial=3)),
            change("customer", "C4", customer("C4", "Jürgen", "Straße", serial=4)),
            change("customer", "C5", customer("C5", "Æsa", "Lund", serial=5)),
        ])
    with loaded.read() as conn:
        found = reads.search_customers(conn, query, 50)
    assert sorted(c.customer_id for c in found) == expected


def test_search_products_by_words_sku_and_ean(loaded: Replica) -> None:
    with loaded.read() as conn:
        assert [p.sku for p in reads.search_products(conn, "echarpe", 10)] == ["SKU-2"]
        assert [p.sku for p in reads.search_products(conn, "sku-3", 10)] == ["SKU-3"]
        assert [p.sku for p in reads.search_products(conn, "37600000", 10)] == ["SKU-1"]
        assert reads.search_products(conn, "", 10) == []


def test_stock_overlay_takes_unsent_orders_where_the_server_will_source_them(
        loaded: Replica) -> None:
    with loaded.write() as conn:
        # 4 of SKU-1 available at PAR01, 3 at PAR02.
        for quantity in (3, 2):
            queue.enqueue(conn, kind=order_create.KIND, customer_id="C1", payload={
                "customer_id": "C1", "origin_store_id": "PAR01",
                "fulfillment": {"type": "click_and_collect", "store_id": "PAR01"},
                "lines": [{"sku": "SKU-1", "quantity": quantity}],
                "payment": {"mode": "pay_at_pickup"}})
    with loaded.read() as conn:
        figures = overlay.stock_for(conn, "SKU-1", "PAR01")
        view = overlay.customer_360(conn, "C1", store_id="PAR01")
    by_store = {f.store.store_id: f for f in figures}
    assert [f.store.store_id for f in figures] == ["PAR01", "PAR02", "LYS01"]
    assert (by_store["PAR01"].available, by_store["PAR01"].pending_out) == (1, 3)
    assert (by_store["PAR02"].available, by_store["PAR02"].pending_out) == (1, 2)
    assert not by_store["LYS01"].known and by_store["LYS01"].available is None
    assert by_store["PAR01"].updated_at is not None
    assert view is not None
    unsent = [o for o in view.orders if o.sync == "waiting"]
    assert [(o.status, o.total, o.order_number) for o in unsent] == [
        ("pending", Decimal("378.00"), None), ("pending", Decimal("567.00"), None)]
    assert view.stats.orders_count == 2  # unsent orders do not count yet


def test_a_rebuild_keeps_the_carts_and_a_clean_download_too(
        tmp_path: Path, keys: ReplicaKeys, monkeypatch: pytest.MonkeyPatch) -> None:
    """The open carts are the seller's work on the device: neither a schema rebuild nor a
    clean re-download (410) drops them."""
    path = tmp_path / "r.sqlite3"
    old = Replica.open(path, keys)
    with old.write() as conn:
        conn.exec_driver_sql(
            "INSERT INTO cart_lines(customer_id, sku, quantity, added_at, updated_at) "
            "VALUES ('C1', 'SKU-1', 2, '2026-11-29T10:00:00+00:00', "
            "'2026-11-29T10:00:00+00:00')")
        clear_server_state(conn)
    assert table(old, "SELECT customer_id, sku, quantity FROM cart_lines") == [("C1", "SKU-1", 2)]
    old.close()
    monkeypatch.setattr(database, "SCHEMA_VERSION", database.SCHEMA_VERSION + 1)
    new = Replica.open(path, keys)
    try:
        assert table(new, "SELECT customer_id, sku, quantity FROM cart_lines") == [
            ("C1", "SKU-1", 2)]
    finally:
        new.close()
