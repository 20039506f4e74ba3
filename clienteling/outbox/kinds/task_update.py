"""`task.update`: a seller marks a follow-up done, or snoozes it to a later day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain import tasks
from clienteling.domain.errors import DomainError
from clienteling.outbox import queue
from clienteling.outbox.command import (
    Command,
    Request,
    Write,
    command_for,
    payload_of,
    register,
    validated,
)
from clienteling.outbox.entry import Row
from clienteling.outbox.overlay import mark, path_segment, problem_of
from clienteling.replica import tasks as task_reads
from clienteling.replica.views import TaskView

KIND = "task.update"
CREATE = "task.create"


class TaskUpdate(Command):
    kind = KIND
    label = "outbox.task.update"
    entity = "task"

    def request(self, row: Row) -> Request:
        return Request("POST", f"/tasks/{path_segment(row.target)}", row.payload)

    def waits_for(self, row: Row, earlier: Row) -> bool:
        # After the task itself when it was made here and is not sent yet.
        return super().waits_for(row, earlier) or (
            earlier.kind == CREATE and earlier.target == row.target)

    def on_task(self, task: TaskView, row: Row) -> TaskView:
        if row.target != task.task_id:
            return task
        p = row.payload
        if p.get("status") == tasks.TaskStatus.DONE.value:
            task = replace(task, status=tasks.TaskStatus.DONE.value)
        if p.get("snoozed_until"):
            task = replace(task, snoozed_until=date.fromisoformat(p["snoozed_until"]))
        return replace(task, sync="failed" if "failed" in (task.sync, mark(row)) else "waiting",
                       outbox_id=row.id, problem=problem_of(row) or task.problem)


def current(conn: Connection, task_id: str) -> TaskView | None:
    """The task as shown now: the replica's or an unsent one, with unsent changes on top."""
    found = task_reads.task(conn, task_id)
    entries = [r for r in queue.rows(conn, kinds=(CREATE, KIND)) if r.target == task_id]
    if found is None:
        for row in entries:
            made = command_for(row.kind).unsent_task(row, None)
            if made is not None:
                found = made
                break
    if found is None:
        return None
    for row in entries:
        found = command_for(row.kind).on_task(found, row)
    return found


def _write(task_id: str, change: w.TaskUpdate, today: date | None) -> Write:
    body = payload_of(change)

    def check(conn: Connection) -> Write:
        task = current(conn, task_id)
        if task is None:
            raise DomainError("task.not_found", "this task is not on this device",
                              task_id=task_id)
        if task.status == tasks.TaskStatus.DONE.value:
            raise DomainError("task.already_done", "this task is done already",
                              task_id=task_id)
        if change.snoozed_until is not None and today is not None:
            tasks.check_snooze(change.snoozed_until, today)
        return Write(KIND, body, customer_id=task.customer_id, target=task_id)

    return Write(KIND, body, target=task_id, check=check)


def done(task_id: str) -> Write:
    """Raises when queued `task.not_found`, `task.already_done`."""
    return _write(task_id, w.TaskUpdate(status="done"), None)


def snooze(task_id: str, until: date | str, today: date) -> Write:
    """Raises `task.invalid`; when queued `task.not_found`, `task.already_done`,
    `task.snooze_past`."""
    change = validated(w.TaskUpdate, "task.invalid", snoozed_until=until)
    return _write(task_id, change, today)  # type: ignore[arg-type]


register(TaskUpdate())
