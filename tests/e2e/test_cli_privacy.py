"""The privacy commands as the real `clienteling` subprocess, on a seeded SQLite database:
export, erase (refused while an order is open), purge, devices list and revoke."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.e2e.test_cli_server import clienteling


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("privacy") / "central.sqlite3"
    seeded = clienteling("server", "seed-demo", "--customers", "40", database=path)
    assert seeded.returncode == 0, seeded.stderr
    return path


@pytest.fixture
def db(database: Path) -> Iterator[sa.Connection]:
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def _customer(db: sa.Connection, *, open_order: bool) -> str:
    has_open = ("SELECT customer_id FROM orders WHERE status IN ('confirmed', "
                "'ready_for_pickup')")
    query = (has_open if open_order else
             f"SELECT customer_id FROM customers WHERE erased_at IS NULL AND customer_id NOT IN "
             f"({has_open})") + " ORDER BY customer_id LIMIT 1"
    return str(db.execute(sa.text(query)).scalar_one())


def _audit(database: Path, action: str) -> list[dict[str, object]]:
    shown = clienteling("server", "audit", "--action", action, "--json", database=database)
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)  # type: ignore[no-any-return]


def test_export_prints_one_json_object_and_a_readable_page(
        database: Path, db: sa.Connection, tmp_path: Path) -> None:
    customer_id = _customer(db, open_order=False)
    page = tmp_path / "export.html"
    done = clienteling("server", "gdpr", "export", customer_id, "--html", str(page),
                       database=database)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert list(document) == ["customer", "consents", "orders", "wishlist", "interactions",
                              "notes", "tasks", "audit"]
    assert document["customer"]["customer_id"] == customer_id
    assert document["tasks"] == []
    assert document["customer"]["last_name"] in page.read_text(encoding="utf-8")
    assert [e["customer_id"] for e in _audit(database, "gdpr.export")] == [customer_id]
    unknown = clienteling("server", "gdpr", "export", "NO-SUCH-CUSTOMER", database=database)
    assert unknown.returncode != 0 and unknown.stdout == ""
    assert len(unknown.stderr.strip().splitlines()) == 1, unknown.stderr


def test_erase_is_refused_while_an_order_is_open_and_done_otherwise(
        database: Path, db: sa.Connection) -> None:
    waiting = _customer(db, open_order=True)
    refused = clienteling("server", "gdpr", "erase", waiting, database=database)
    assert refused.returncode != 0
    assert "open order" in refused.stderr and waiting in refused.stderr
    assert db.execute(sa.text("SELECT status FROM erasure_requests WHERE customer_id = :c"),
                      {"c": waiting}).scalars().all() == ["pending"]
    customer_id = _customer(db, open_order=False)
    erased = clienteling("server", "gdpr", "erase", customer_id, database=database)
    assert erased.returncode == 0, erased.stderr
    gone = clienteling("server", "gdpr", "export", customer_id, database=database)
    assert gone.returncode != 0
    assert {(e["customer_id"], e["detail"]["status"])  # type: ignore[index]
            for e in _audit(database, "gdpr.erase")} >= {(waiting, "pending"),
                                                          (customer_id, "done")}


def test_purge_lists_then_erases_the_customers_past_the_retention(
        database: Path, db: sa.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLIENTELING_RETENTION_DAYS", "1500")  # the subprocesses inherit it
    listed = clienteling("server", "gdpr", "purge", "--dry-run", database=database)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines, listed.stderr
    assert all(len(line.split()) == 2 for line in lines)
    ids = [line.split()[0] for line in lines]
    # A dry run changes nothing.
    assert clienteling("server", "gdpr", "purge", "--dry-run", database=database
                       ).stdout.splitlines() == lines
    purged = clienteling("server", "gdpr", "purge", database=database)
    assert purged.returncode == 0, purged.stderr
    assert purged.stdout.splitlines() == lines
    skipped = [i for i in ids if f"{i}: skipped" in purged.stderr]
    left = clienteling("server", "gdpr", "purge", "--dry-run", database=database)
    assert [line.split()[0] for line in left.stdout.splitlines()] == skipped
    erased = db.execute(sa.text(
        "SELECT count(*) FROM customers WHERE erased_at IS NOT NULL AND customer_id IN ("
        + ",".join(f"'{i}'" for i in ids) + ")")).scalar_one()
    assert erased == len(ids) - len(skipped)
    runs = _audit(database, "gdpr.purge")  # newest first
    assert [r["detail"]["dry_run"] for r in runs] == [  # type: ignore[index]
        True, False, True, True]


def test_devices_are_listed_and_revoked(database: Path) -> None:
    from clienteling.server.auth.service import create_user, login
    from clienteling.server.config import ServerConfig
    from clienteling.server.db import make_engine, make_sessionmaker

    url = f"sqlite:///{database}"
    engine = make_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as session, session.begin():
            create_user(session, username="tablet.user", password="s3cret-passw0rd",
                        role="seller", store_id="PAR01")
        login(sessions, username="tablet.user", password="s3cret-passw0rd",
              device_name="Rivoli tablet", config=ServerConfig(database_url=url),
              password_slots=threading.Semaphore(1))
    finally:
        engine.dispose()
    listed = clienteling("server", "devices", "list", "--json", database=database)
    assert listed.returncode == 0, listed.stderr
    devices = json.loads(listed.stdout)
    tablet = next(d for d in devices if d["name"] == "Rivoli tablet")
    assert set(tablet) == {"device_id", "username", "store_id", "name", "last_seen_at",
                           "revoked"}
    assert (tablet["username"], tablet["store_id"], tablet["revoked"]) == (
        "tablet.user", "PAR01", False)
    revoked = clienteling("server", "devices", "revoke", str(tablet["device_id"]),
                          database=database)
    assert revoked.returncode == 0, revoked.stderr
    again = json.loads(clienteling("server", "devices", "list", "--json",
                                   database=database).stdout)
    assert next(d for d in again if d["device_id"] == tablet["device_id"])["revoked"] is True
    unknown = clienteling("server", "devices", "revoke", "99999", database=database)
    assert unknown.returncode != 0 and "99999" in unknown.stderr
    assert [e["detail"]["device_id"] for e in _audit(  # type: ignore[index]
        database, "device.revoke")] == [tablet["device_id"]]


def test_devices_list_shows_what_was_lost_with_a_revoked_device(database: Path) -> None:
    from clienteling.api import models as w
    from clienteling.server.auth.service import create_user, login
    from clienteling.server.config import ServerConfig
    from clienteling.server.db import make_engine, make_sessionmaker
    from clienteling.server.devices.service import list_devices, report_outbox

    url = f"sqlite:///{database}"
    engine = make_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as session, session.begin():
            create_user(session, username="lost.user", password="s3cret-passw0rd",
                        role="seller", store_id="PAR01")
        login(sessions, username="lost.user", password="s3cret-passw0rd",
              device_name="Window tablet", config=ServerConfig(database_url=url),
              password_slots=threading.Semaphore(1))
        with sessions() as session, session.begin():
            device = next(d for d in list_devices(session) if d.name == "Window tablet")
            report_outbox(session, device_id=device.device_id, report=w.OutboxReport(entries=[
                w.UnsentEntry(kind="order.create", customer_id="C1",
                              order_number="PAR01-261129-ZZ01",
                              created_at="2026-11-29T10:00:00Z")]))  # type: ignore[arg-type]
    finally:
        engine.dispose()
    revoked = clienteling("server", "devices", "revoke", str(device.device_id),
                          database=database)
    assert revoked.returncode == 0, revoked.stderr
    assert "1 unsent change(s)" in revoked.stderr
    listed = clienteling("server", "devices", "list", database=database)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith("Window tablet"))
    assert "revoked" in lines[at]
    assert lines[at + 1].split() == ["lost", "with", "the", "device:", "order.create",
                                     "customer", "C1", "order", "PAR01-261129-ZZ01", "made",
                                     "2026-11-29T10:00:00+00:00"]
    # The JSON keeps the contract's keys exactly.
    devices = json.loads(clienteling("server", "devices", "list", "--json",
                                     database=database).stdout)
    assert all(set(d) == {"device_id", "username", "store_id", "name", "last_seen_at",
                          "revoked"} for d in devices)
