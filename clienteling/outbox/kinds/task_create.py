"""`task.create`: a manager's follow-up for a seller about a client. The device names the
task; a task by a channel the client has not consented to is refused here, before it is
queued (`task.no_consent`, the rule of `domain.tasks` the server applies too)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.domain import tasks
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay, queue
from clienteling.outbox.command import (
    Command,
    Request,
    Write,
    payload_of,
    register,
    validated,
)
from clienteling.outbox.entry import Row
from clienteling.outbox.overlay import mark, problem_of
from clienteling.replica.views import TaskView

KIND = "task.create"


class TaskCreate(Command):
    kind = KIND
    label = "outbox.task.create"
    entity = "task"

    def request(self, row: Row) -> Request:
        return Request("POST", "/tasks", row.payload)

    def unsent_task(self, row: Row, customer_name: str | None) -> TaskView | None:
        p = row.payload
        return TaskView(task_id=p["task_id"], store_id="", customer_id=p["customer_id"],
                        customer_name=customer_name, assignee_id=int(p["assignee_id"]),
                        channel=p["channel"], due_on=date.fromisoformat(p["due_on"]),
                        reason=p["reason"], status=tasks.TaskStatus.OPEN.value,
                        snoozed_until=None, updated_at=overlay.created(row), sync=mark(row),
                        outbox_id=row.id, problem=problem_of(row))


def write(*, customer_id: str, assignee_id: int, channel: str, due_on: date | str,
          reason: str) -> Write:
    """Raises `task.invalid` (with `errors`); when queued `customer.not_found`,
    `task.no_consent` (with `channel`)."""
    task = validated(w.TaskCreate, "task.invalid", customer_id=customer_id,
                     assignee_id=assignee_id, channel=channel, due_on=due_on, reason=reason,
                     task_id=queue.new_id("t"))
    body = payload_of(task)

    def check(conn: Connection) -> None:
        found = overlay.customer_profile(conn, customer_id)
        if found is None:
            raise DomainError("customer.not_found", "this customer is not on this device",
                              customer_id=customer_id)
        tasks.check_consent(body["channel"], consent_email=found.consent_email.granted,
                            consent_sms=found.consent_sms.granted)

    return Write(KIND, body, customer_id=customer_id, target=body["task_id"], check=check)


register(TaskCreate())
