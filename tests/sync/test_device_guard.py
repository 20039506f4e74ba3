"""The device guard's pieces, without a server: the contact log with a moved clock, what a wipe
removes, the notice, and the outbox summary a device reports."""

from __future__ import annotations

from pathlib import Path

from clienteling.device_guard import (
    DAY,
    DEFAULT_LOCK_DAYS,
    NO_CONTACT,
    ContactLog,
    WipeNotice,
    clear_notice,
    read_notice,
    save_notice,
    wipe_replica,
)
from clienteling.outbox import queue
from clienteling.replica.database import Replica
from clienteling.sync.report import outbox_summary
from tests.replica.keys import memory_keys


def test_the_lock_delay_counts_from_the_last_contact(tmp_path: Path) -> None:
    now = [1_000_000.0]
    log = ContactLog(tmp_path / "r.sqlite3", clock=lambda: now[0])
    # No log yet: counting starts now, never an instant wipe.
    assert not log.expired() and log.lock_days() == DEFAULT_LOCK_DAYS
    log.record(lock_days=3)
    now[0] += 3 * DAY
    assert not log.expired()
    now[0] += 1
    assert log.expired() and round(log.days_without_contact(), 3) == 3.0
    log.record()  # a contact: the count starts again, the server's delay is kept
    assert not log.expired() and log.lock_days() == 3


def test_an_unreadable_log_counts_from_now(tmp_path: Path) -> None:
    log = ContactLog(tmp_path / "r.sqlite3", clock=lambda: 5.0)
    log.path.write_text("{not json", encoding="utf-8")
    assert log.last_contact_at() == 5.0 and not log.expired()


class _Keys:
    """The replica keys as `database.destroy` uses them: which files' keys were forgotten."""

    def __init__(self) -> None:
        self.forgotten: list[Path] = []

    def forget(self, path: Path) -> None:
        self.forgotten.append(Path(path))


def test_a_wipe_removes_the_replica_and_what_belongs_to_it(tmp_path: Path) -> None:
    replica = tmp_path / "r.sqlite3"
    others = [tmp_path / "other.sqlite3", tmp_path / "settings.json"]
    for path in [replica, *(replica.with_name(replica.name + s)
                            for s in ("-wal", "-shm", ".contact")), *others]:
        path.write_text("x")
    keys = _Keys()
    removed = wipe_replica(replica, keys)  # type: ignore[arg-type]
    assert len(removed) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite3", "settings.json"]
    assert keys.forgotten == [replica]  # one way to wipe: database.destroy forgets the key
    assert wipe_replica(replica, keys) == []  # type: ignore[arg-type]


def test_the_notice_is_kept_until_cleared(tmp_path: Path) -> None:
    assert read_notice(tmp_path) is None
    notice = WipeNotice(reason=NO_CONTACT, at=1.0, username="seller1", days=14, removed=3)
    save_notice(tmp_path, notice)
    assert read_notice(tmp_path) == notice
    clear_notice(tmp_path)
    clear_notice(tmp_path)
    assert read_notice(tmp_path) is None


def test_the_outbox_summary_names_kind_customer_order_and_when(tmp_path: Path) -> None:
    replica = Replica.open(tmp_path / "r.sqlite3", memory_keys())
    try:
        with replica.write() as conn:
            queue.enqueue(conn, kind="note.add", payload={"text": "secret words"},
                          customer_id="C-1")
            queue.enqueue(conn, kind="order.status", payload={"status": "collected"},
                          target="PAR01-261129-AB12")
        with replica.read() as conn:
            summary = outbox_summary(conn)
    finally:
        replica.close()
    assert [(e["kind"], e["customer_id"], e["order_number"]) for e in summary] == [
        ("note.add", "C-1", None), ("order.status", None, "PAR01-261129-AB12")]
    assert all(e["created_at"] for e in summary)
    assert "secret words" not in str(summary)  # a summary, never the payload
