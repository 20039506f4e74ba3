"""Follow-ups: a seller's "my tasks" (open ones due first, done ones, snoozed ones hidden until
their day), a customer's tasks and the counts, read from the replica with this device's unsent
work on top; a manager's new task, a seller's done and snooze, queued through the outbox (they
work offline and show at once). The sellers a task can go to are the client book's
(`device.clients.sellers`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from clienteling.device.context import DeviceContext
from clienteling.domain import tasks as rule
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay, queue
from clienteling.outbox.command import command_for
from clienteling.outbox.entry import Row
from clienteling.outbox.kinds import task_create, task_update
from clienteling.replica import tasks as task_reads
from clienteling.replica.views import OutboxEntry, TaskCounts, TaskView

__all__ = ["TaskClient", "TaskService"]

KINDS = (task_create.KIND, task_update.KIND)


@dataclass(frozen=True)
class TaskClient:
    """A client a new task is about, and what they consented to."""

    customer_id: str
    name: str
    consent_email: bool
    consent_sms: bool

    def refuses(self, channel: str) -> bool:
        """Whether a task by `channel` would be refused (`domain.tasks.check_consent`)."""
        try:
            rule.check_consent(channel, consent_email=self.consent_email,
                               consent_sms=self.consent_sms)
        except DomainError:
            return True
        return False


def _with_pending(conn: Connection, found: list[TaskView], *,
                  keep: Callable[[TaskView], bool]) -> list[TaskView]:
    """`found` (server state) with the unsent creates added and the unsent done / snooze
    laid on top, then filtered by `keep`."""
    entries: list[Row] = queue.rows(conn, kinds=KINDS)
    if not entries:
        return [t for t in found if keep(t)]
    known = {t.task_id for t in found}
    result = list(found)
    for row in entries:
        if row.kind == task_create.KIND and row.target not in known:
            made = command_for(row.kind).unsent_task(
                row, task_reads.customer_name(conn, row.customer_id or ""))
            if made is not None:
                result.append(made)
                known.add(made.task_id)
    laid = []
    for task in result:
        for row in entries:
            if row.target == task.task_id:
                task = command_for(row.kind).on_task(task, row)
        laid.append(task)
    return [t for t in laid if keep(t)]


def _open_order(task: TaskView) -> tuple[date, str]:
    return task.due_on, task.task_id


class TaskService:
    """Reads and writes of follow-up tasks. `today` is the device's day unless given (tests
    and the screens pass theirs)."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    def _me(self) -> int:
        user_id = self._ctx.settings.user_id
        if user_id is None:
            raise DomainError("auth.not_signed_in", "sign in first")
        return user_id

    # --- reads -----------------------------------------------------------------------------

    def my_tasks(self, status: str = "open", today: date | None = None) -> list[TaskView]:
        """The signed-in seller's tasks. "open": due first (overdue, today, later), without
        those snoozed past `today`; "snoozed": those; "done": the latest done first."""
        session = self._ctx.need()
        today = today or date.today()
        me = self._me()
        with session.replica.read() as conn:
            if status == "done":
                found = task_reads.tasks_of(conn, assignee_id=me, status="done",
                                            limit=task_reads.DONE_LIMIT)
                # An open task done here and not sent yet is done already.
                found += task_reads.tasks_of(conn, assignee_id=me, status="open")
                tasks = _with_pending(conn, found, keep=lambda t: t.status == "done"
                                      and t.assignee_id == me)
                return sorted(tasks, key=lambda t: (t.sync == "synced",
                                                    -(t.updated_at.timestamp()
                                                      if t.updated_at else 0)))
            found = task_reads.tasks_of(conn, assignee_id=me, status="open")
            if status == "snoozed":
                keep: Callable[[TaskView], bool] = lambda t: (  # noqa: E731
                    t.assignee_id == me and t.hidden_on(today))
            else:
                keep = lambda t: (t.assignee_id == me and t.status == "open"  # noqa: E731
                                  and not t.hidden_on(today))
            return sorted(_with_pending(conn, found, keep=keep), key=_open_order)

    def customer_tasks(self, customer_id: str) -> list[TaskView]:
        """Every task about a customer on this device, open ones first by due day."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            found = task_reads.tasks_of(conn, customer_id=customer_id)
            tasks = _with_pending(conn, found, keep=lambda t: t.customer_id == customer_id)
        return sorted(tasks, key=lambda t: (t.status != "open", t.due_on, t.task_id))

    def counts(self, today: date | None = None) -> TaskCounts:
        """The signed-in seller's open (shown), due (today or earlier), snoozed and done
        tasks."""
        session = self._ctx.need()
        today = today or date.today()
        me = self._me()
        with session.replica.read() as conn:
            found = task_reads.tasks_of(conn, assignee_id=me)
            tasks = _with_pending(conn, found, keep=lambda t: t.assignee_id == me)
        shown = [t for t in tasks if t.status == "open" and not t.hidden_on(today)]
        return TaskCounts(open=len(shown), due=sum(t.due_by(today) for t in shown),
                          snoozed=sum(t.hidden_on(today) for t in tasks),
                          done=sum(t.status == "done" for t in tasks))

    def due_count(self, today: date | None = None) -> int:
        """What the rail shows: my open tasks due today or earlier (0 when signed out)."""
        if self._ctx.session is None or self._ctx.settings.user_id is None:
            return 0
        return self.counts(today).due

    # --- writes (through the outbox) ---------------------------------------------------------

    def create_task(self, *, customer_id: str, assignee_id: int, channel: str,
                    due_on: date | str, reason: str) -> OutboxEntry:
        """A follow-up for a seller about a client; the device names it (the entry's
        `target`). Raises `task.invalid` (with `errors`), `customer.not_found`,
        `task.no_consent` (with `channel`) before anything is queued."""
        self._ctx.need()
        return self._ctx.submit(task_create.write(customer_id=customer_id,
                                                  assignee_id=assignee_id, channel=channel,
                                                  due_on=due_on, reason=reason))

    def create_tasks(self, *, customer_ids: list[str], assignee_id: int, channel: str,
                     due_on: date | str, reason: str) -> tuple[list[OutboxEntry],
                                                           list[tuple[str, DomainError]]]:
        """The same follow-up about several clients: (queued, [(customer_id, refusal)]).
        A client refused (no consent to the channel) leaves the others queued."""
        queued: list[OutboxEntry] = []
        refused: list[tuple[str, DomainError]] = []
        for customer_id in customer_ids:
            try:
                queued.append(self.create_task(customer_id=customer_id,
                                               assignee_id=assignee_id, channel=channel,
                                               due_on=due_on, reason=reason))
            except DomainError as error:
                if error.code == "task.invalid":
                    raise
                refused.append((customer_id, error))
        return queued, refused

    def mark_done(self, task_id: str) -> OutboxEntry:
        """Raises `task.not_found`, `task.already_done`."""
        self._ctx.need()
        return self._ctx.submit(task_update.done(task_id))

    def snooze(self, task_id: str, until: date | str, today: date | None = None) -> OutboxEntry:
        """Hide the task until `until` (a later day). Raises `task.invalid`,
        `task.not_found`, `task.already_done`, `task.snooze_past`."""
        self._ctx.need()
        return self._ctx.submit(task_update.snooze(task_id, until, today or date.today()))

    def task_clients(self, customer_ids: list[str]) -> list[TaskClient]:
        """The clients a new task is about, with their consents as this device knows them
        (unsent consent changes included); those not on this device are left out."""
        session = self._ctx.need()
        found = []
        with session.replica.read() as conn:
            for customer_id in dict.fromkeys(customer_ids):
                profile = overlay.customer_profile(conn, customer_id)
                if profile is not None:
                    found.append(TaskClient(
                        customer_id=customer_id,
                        name=f"{profile.first_name} {profile.last_name}".strip(),
                        consent_email=profile.consent_email.granted,
                        consent_sms=profile.consent_sms.granted))
        return found

    def consent_refusal(self, customer_id: str, channel: str) -> DomainError | None:
        """Why a task by `channel` about this customer would be refused (`task.no_consent`),
        or None: for the form to say it before the manager confirms."""
        session = self._ctx.need()
        with session.replica.read() as conn:
            found = overlay.customer_profile(conn, customer_id)
        if found is None:
            return DomainError("customer.not_found", "not on this device",
                               customer_id=customer_id)
        try:
            rule.check_consent(channel, consent_email=found.consent_email.granted,
                               consent_sms=found.consent_sms.granted)
        except DomainError as error:
            return error
        return None

