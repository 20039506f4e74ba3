"""The feed's `task` entity lands in the replica (the store's follow-ups, for "my tasks"
offline), takes its last state, and goes with its customer when they leave the scope."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from clienteling.api import models as w
from clienteling.replica.apply import apply_changes
from clienteling.replica.database import Replica
from tests.replica.feed_data import change, small_chain
from tests.replica.keys import memory_keys

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _task(task_id: str, customer_id: str, *, status: str = "open",
          snoozed: date | None = None) -> w.Task:
    return w.Task(task_id=task_id, store_id="PAR01", customer_id=customer_id, assignee_id=3,
                  channel=w.TaskChannelName.CALL, due_on=date(2026, 1, 9), reason="Rappeler",
                  status=w.TaskState(status), snoozed_until=snoozed, created_at=AT,
                  updated_at=AT)


@pytest.fixture
def replica(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = Replica.open(tmp_path / "r.sqlite3", memory_keys())
    with opened.write() as conn:
        apply_changes(conn, small_chain())
    yield opened
    opened.close()


def _rows(replica: Replica) -> list[tuple[object, ...]]:
    with replica.read() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT task_id, customer_id, status, snoozed_until, due_on FROM tasks "
            "ORDER BY task_id").all()]


def test_tasks_land_update_and_leave_with_their_customer(replica: Replica) -> None:
    with replica.write() as conn:
        applied = apply_changes(conn, [change("task", "t1", _task("t1", "C1")),
                                       change("task", "t2", _task("t2", "C2"))])
    assert applied.entities["task"] == {"t1", "t2"}
    with replica.write() as conn:
        apply_changes(conn, [change("task", "t1", _task("t1", "C1", status="done")),
                             change("task", "t2", _task("t2", "C2",
                                                        snoozed=date(2026, 1, 12)))])
    assert _rows(replica) == [("t1", "C1", "done", None, "2026-01-09"),
                              ("t2", "C2", "open", "2026-01-12", "2026-01-09")]
    with replica.write() as conn:
        apply_changes(conn, [change("customer", "C1", None)])
    assert [r[0] for r in _rows(replica)] == ["t2"]
    with replica.write() as conn:
        apply_changes(conn, [change("task", "t2", None)])
    assert _rows(replica) == []


def test_a_feed_page_with_tasks_is_accepted_by_the_devices_client(replica: Replica) -> None:
    """The device validates every page it pulls (ChangesPage): a page with the store's tasks
    must pass, or the first download stops at the first task (as the demo's did)."""
    page = w.ChangesPage.model_validate({
        "changes": [change("task", "t1", _task("t1", "C1"))], "next_cursor": "0-1",
        "has_more": False})
    with replica.write() as conn:
        applied = apply_changes(conn, [c.model_dump(mode="json") for c in page.changes])
    assert applied.entities["task"] == {"t1"}


def test_a_clean_download_empties_the_tasks_too(replica: Replica) -> None:
    from clienteling.replica.apply import clear_server_state

    with replica.write() as conn:
        apply_changes(conn, [change("task", "t1", _task("t1", "C1"))])
        clear_server_state(conn)
    assert _rows(replica) == []
