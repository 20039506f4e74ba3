"""The importer's fast path on SQLite and PostgreSQL: COPY (PostgreSQL) writes the rows and feed
an executemany wrote, batches committed one by one leave what one transaction left, a run
stopped midway is finished by running it again, and bad rows still stop everything."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from clienteling.server import bulk
from clienteling.server.db import utcnow
from clienteling.server.feed.models import ChangeRow
from clienteling.server.imports import service
from clienteling.server.imports.service import ImportReport, import_directory
from clienteling.server.models import Base
from clienteling.server.orders.models import OrderRow
from tests.server.conftest import wipe

NOW = utcnow()
BATCH = 40  # a few hundred rows a file: several batches, each above bulk.COPY_FROM


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from clienteling.server.demo.generator import write_import_files

    folder = tmp_path_factory.mktemp("chain")
    write_import_files(folder, customers=120, seed=5)
    return folder


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "BATCH", BATCH)
    # Pickup codes are random: the same sequence in every run, so runs compare whole.
    codes = itertools.count()
    monkeypatch.setattr(service, "pickup_code", lambda: f"P{next(codes):05d}")


def engine_of(sessions: sessionmaker[Session]) -> Engine:
    bind = sessions.kw["bind"]
    assert isinstance(bind, Engine)
    return bind


def restart_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    codes = itertools.count()
    monkeypatch.setattr(service, "pickup_code", lambda: f"P{next(codes):05d}")


def run(sessions: sessionmaker[Session], folder: Path, *, commit_batches: bool,
        **options: Any) -> ImportReport:
    if commit_batches:
        with sessions() as session:
            report = import_directory(session, folder=folder, now=NOW, commit_batches=True,
                                      **options)
            session.commit()
            return report
    with sessions() as session, session.begin():
        return import_directory(session, folder=folder, now=NOW, **options)


def tables(sessions: sessionmaker[Session]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the feed, in key order."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with sessions() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in ("changes", "alembic_version"):
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            found[table.name] = [tuple(row) for row in session.execute(
                select(*table.columns).order_by(*order))]
    return found


def feed(sessions: sessionmaker[Session]) -> list[tuple[Any, ...]]:
    """The feed in its order (positions and transaction ids aside)."""
    with sessions() as session:
        return [tuple(r) for r in session.execute(
            select(ChangeRow.entity, ChangeRow.key, ChangeRow.op, ChangeRow.scope,
                   ChangeRow.store_id, ChangeRow.data)
            .order_by(ChangeRow.txid, ChangeRow.position))]


def latest(sessions: sessionmaker[Session]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """What a device ends up with: the last change of each entity for each audience."""
    return {row[:2] + row[3:5]: (row[2], row[5]) for row in feed(sessions)}


def gap_free(sessions: sessionmaker[Session]) -> None:
    """Positions only grow in feed order: a cursor never passes a row it did not serve."""
    with sessions() as session:
        positions = list(session.scalars(
            select(ChangeRow.position).order_by(ChangeRow.txid, ChangeRow.position)))
    assert positions == sorted(positions)


def test_copy_writes_the_rows_and_feed_that_executemany_wrote(
        sessions: sessionmaker[Session], chain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "COPY_FROM", 10**9)  # the old path: INSERT executemany only
    old = run(sessions, chain, commit_batches=False)
    assert old.applied and old.invalid == 0
    old_tables, old_feed = tables(sessions), feed(sessions)
    assert len(old_tables["orders"]) > BATCH and len(old_feed) > 1000

    wipe(engine_of(sessions))
    monkeypatch.setattr(bulk, "COPY_FROM", 20)
    restart_codes(monkeypatch)
    new = run(sessions, chain, commit_batches=True)
    assert [(f.name, f.rows, f.inserted, f.updated) for f in new.files] == [
        (f.name, f.rows, f.inserted, f.updated) for f in old.files]
    assert tables(sessions) == old_tables
    assert feed(sessions) == old_feed
    gap_free(sessions)


def test_committed_batches_leave_what_one_transaction_left_and_rerun_changes_nothing(
        sessions: sessionmaker[Session], chain: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(sessions, chain, commit_batches=False)
    whole_tables, whole_feed = tables(sessions), feed(sessions)
    wipe(engine_of(sessions))
    restart_codes(monkeypatch)
    run(sessions, chain, commit_batches=True)
    assert tables(sessions) == whole_tables
    assert feed(sessions) == whole_feed
    again = run(sessions, chain, commit_batches=True)
    assert all(f.inserted == f.updated == 0 for f in again.files)
    assert feed(sessions) == whole_feed


@pytest.mark.parametrize("applier", ["_apply_customers", "_apply_orders"])
def test_a_run_stopped_midway_is_finished_by_running_it_again(
        sessions: sessionmaker[Session], chain: Path, monkeypatch: pytest.MonkeyPatch,
        applier: str) -> None:
    run(sessions, chain, commit_batches=True)
    clean_tables, clean_latest = tables(sessions), latest(sessions)
    wipe(engine_of(sessions))
    restart_codes(monkeypatch)

    original = getattr(service._Run, applier)
    calls = itertools.count()

    def crashing(self: Any, batch: list[dict[str, Any]]) -> tuple[int, int]:
        if next(calls) == 2:  # the third batch of the file: two are committed
            raise RuntimeError("the power went out")
        result: tuple[int, int] = original(self, batch)
        return result

    monkeypatch.setattr(service._Run, applier, crashing)
    with pytest.raises(RuntimeError, match="power"):
        run(sessions, chain, commit_batches=True)
    stopped = tables(sessions)
    table = "customers" if applier == "_apply_customers" else "orders"
    assert len(stopped[table]) == 2 * BATCH  # whole batches, nothing of the third

    monkeypatch.setattr(service._Run, applier, original)
    restart_codes(monkeypatch)
    finished = run(sessions, chain, commit_batches=True)
    assert finished.applied and finished.invalid == 0
    assert finished.file("customers.csv" if table == "customers" else "orders.jsonl"
                         ).unchanged == 2 * BATCH
    assert tables(sessions) == clean_tables
    assert latest(sessions) == clean_latest
    gap_free(sessions)


def test_a_bad_row_still_stops_everything_with_committed_batches(
        sessions: sessionmaker[Session], chain: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for source in chain.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    orders = (folder / "orders.jsonl").read_text().splitlines(keepends=True)
    orders[5] = '{"order_number": "X-1", "customer_id": "nobody"}\n'
    (folder / "orders.jsonl").write_text("".join(orders))

    batched = run(sessions, folder, commit_batches=True)
    assert not batched.applied
    with sessions() as session:
        assert session.scalar(select(OrderRow.order_number).limit(1)) is None
        assert session.execute(text("SELECT count(*) FROM changes")).scalar_one() == 0
    whole = run(sessions, folder, commit_batches=False)
    assert [str(p) for p in batched.problems] == [str(p) for p in whole.problems]
    assert batched.problems and batched.problems[0].file == "orders.jsonl"
    assert batched.problems[0].line == 6


def test_the_command_says_a_stopped_import_is_finished_by_running_it_again(
        sessions: sessionmaker[Session], chain: Path, database_url: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy.exc import OperationalError

    from clienteling.cli import main

    original = service._Run._apply_orders
    calls = itertools.count()

    def lost(self: Any, batch: list[dict[str, Any]]) -> tuple[int, int]:
        if next(calls) == 1:
            raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        result: tuple[int, int] = original(self, batch)
        return result

    monkeypatch.setattr(service._Run, "_apply_orders", lost)
    assert main(["server", "import", str(chain), "--database-url", database_url]) != 0
    said = capsys.readouterr().err
    assert "Run the same import again to finish it" in said
    assert "server closed the connection" in said
    assert "nothing was imported" not in said
    with sessions() as session:
        assert len(session.scalars(select(OrderRow.order_number)).all()) == BATCH

    monkeypatch.setattr(service._Run, "_apply_orders", original)
    assert main(["server", "import", str(chain), "--database-url", database_url]) == 0
    assert "orders.jsonl" in capsys.readouterr().err
