"""The client book (`GET /clients`), assignments, follow-up tasks, exports and KPIs.

The book reads the customers' stored figures (`customers.figures`), never their orders: each
sort is an index range (home store, sort columns, customer_id) read with a keyset cursor.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, not_, or_, select, true, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from clienteling.api import models as w
from clienteling.domain import exports as exports_rule
from clienteling.domain import kpis as kpi_rule
from clienteling.domain import segments, tasks
from clienteling.domain.errors import Conflict, DomainError, Forbidden, NotFound
from clienteling.domain.orders import OPEN_PICKUP, FulfillmentType
from clienteling.server.audit import service as audit
from clienteling.server.auth.models import StaffUser
from clienteling.server.auth.staff import Staff
from clienteling.server.clients.models import ExportRow, TaskRow
from clienteling.server.customers import search
from clienteling.server.customers.models import CustomerRow
from clienteling.server.customers.service import customer_view
from clienteling.server.db import utcnow
from clienteling.server.feed import service as feed
from clienteling.server.orders.models import OrderRow

MAX_LIMIT = 500
# What a cursor's text values may be: no NUL, no lone surrogate, at most a key's length.
_TEXT = re.compile(r"[^\x00\ud800-\udfff]{0,254}")
_VALUE_CAP = Decimal("1e12")

# --- who ----------------------------------------------------------------------------------


def check_store(staff: Staff, store_id: str) -> None:
    """The client book of a store is its manager's, or an admin's."""
    if staff.role == w.Role.SELLER:
        raise Forbidden("auth.forbidden", "The client book is for managers.")
    if staff.role == w.Role.MANAGER and store_id != staff.store_id:
        raise Forbidden("auth.forbidden", "A manager works their own store's client book.",
                        store_id=store_id)


# --- the client book ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Sort:
    columns: tuple[InstrumentedAttribute[Any], ...]
    nullable: bool = False  # only the last purchase: never bought sorts first ascending


_SORTS = {
    "name": _Sort((CustomerRow.last_name_key, CustomerRow.first_name_key)),
    "lifetime_value": _Sort((CustomerRow.lifetime_value,)),
    "last_purchase_at": _Sort((CustomerRow.last_purchase_at,), nullable=True),
    "orders_count": _Sort((CustomerRow.orders_count,)),
    "channels": _Sort((CustomerRow.channels_count,)),
}


def _segment_match(rule: segments.Rule, now: datetime) -> ColumnElement[bool]:
    """`rule.meets` in SQL; never NULL, so NOT() of it is right."""
    parts: list[ColumnElement[bool]] = []
    since = rule.since(now)
    if since is not None:
        bought = and_(CustomerRow.last_purchase_at.is_not(None),
                      CustomerRow.last_purchase_at >= since)
        parts.append(or_(CustomerRow.last_purchase_at.is_(None), bought)
                     if rule.never_ok else bought)
    if rule.min_orders is not None:
        parts.append(CustomerRow.orders_count >= rule.min_orders)
    if rule.max_orders is not None:
        parts.append(CustomerRow.orders_count <= rule.max_orders)
    if rule.min_value is not None:
        parts.append(CustomerRow.lifetime_value >= rule.min_value)
    return and_(true(), *parts)


def segment_condition(segment: str, now: datetime) -> ColumnElement[bool]:
    earlier, own = segments.rules_until(segments.Segment(segment))
    return and_(_segment_match(own, now), *[not_(_segment_match(r, now)) for r in earlier])


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def conditions(session: Session, f: w.ClientFilters, *, region: str,
               now: datetime) -> list[ColumnElement[bool]]:
    """What every item of the book under filters `f` meets."""
    # Erasure also clears home_store_id; the test stays (checked in the counting index).
    found: list[ColumnElement[bool]] = [CustomerRow.home_store_id == f.store_id,
                                        CustomerRow.erased_at.is_(None)]
    if f.q.strip():
        branches, _ = search.classify(session, f.q, region, store_id=f.store_id)
        found.append(or_(*[b.predicate() for b in branches]) if branches else false())
    if f.segment is not None:
        found.append(segment_condition(f.segment.value, now))
    if f.tier is not None:
        found.append(CustomerRow.tier == f.tier)
    if f.last_purchase_from is not None:
        found.append(CustomerRow.last_purchase_at >= _start_of(f.last_purchase_from))
    if f.last_purchase_to is not None:
        # Inclusive: before the next day starts (no bound past the calendar's last day).
        found.append(CustomerRow.last_purchase_at.is_not(None) if f.last_purchase_to == date.max
                     else CustomerRow.last_purchase_at
                     < _start_of(f.last_purchase_to + timedelta(days=1)))
    if f.min_value is not None:
        found.append(CustomerRow.lifetime_value >= f.min_value)
    if f.max_value is not None:
        found.append(CustomerRow.lifetime_value <= f.max_value)
    if f.min_channels is not None:
        found.append(CustomerRow.channels_count >= f.min_channels)
    if f.consent == w.ConsentChannel.EMAIL:
        found.append(CustomerRow.consent_email.is_(True))
    elif f.consent == w.ConsentChannel.SMS:
        found.append(CustomerRow.consent_sms.is_(True))
    if f.assigned_seller_id is not None:
        found.append(CustomerRow.assigned_seller_id == f.assigned_seller_id)
    return found


def _bad_cursor() -> DomainError:
    return DomainError("clients.cursor", "This page cursor is not valid for this list: "
                       "start again.")


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _decode(column: InstrumentedAttribute[Any], value: Any) -> Any:
    if isinstance(value, str) and not _TEXT.fullmatch(value):
        raise _bad_cursor()  # NUL, surrogates or too long: never from a cursor we made
    try:
        if column is CustomerRow.lifetime_value:
            if not isinstance(value, str):
                raise _bad_cursor()
            amount = Decimal(value)
            if not amount.is_finite() or abs(amount) >= _VALUE_CAP:
                raise _bad_cursor()
            return amount
        if column is CustomerRow.last_purchase_at:
            if not isinstance(value, str):
                raise _bad_cursor()
            moment = datetime.fromisoformat(value)
            if moment.utcoffset() != timedelta(0):  # we write UTC only
                raise _bad_cursor()
            return moment
        if column in (CustomerRow.orders_count, CustomerRow.channels_count):
            if type(value) is not int or not 0 <= value <= w.INT32_MAX:
                raise _bad_cursor()
            return value
    except (ValueError, InvalidOperation) as error:
        raise _bad_cursor() from error
    if not isinstance(value, str):
        raise _bad_cursor()
    return value


@dataclass(frozen=True)
class _Cursor:
    sort: str
    part: int  # 0: rows with the sort's value, 1: without (never bought), in page order
    values: tuple[Any, ...]
    customer_id: str

    def encode(self) -> str:
        raw = json.dumps([self.sort, self.part, [_encode(v) for v in self.values],
                          self.customer_id], separators=(",", ":"), ensure_ascii=False)
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str | None, sort: str) -> _Cursor | None:
        if not text:
            return None
        try:
            value = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode())
        except (binascii.Error, ValueError, UnicodeDecodeError) as error:
            raise _bad_cursor() from error
        if not (isinstance(value, list) and len(value) == 4 and value[0] == sort
                and value[1] in (0, 1) and isinstance(value[2], list)
                and isinstance(value[3], str) and _TEXT.fullmatch(value[3])):
            raise _bad_cursor()
        spec = _SORTS[sort.lstrip("-")]
        if value[1] == 0:
            if len(value[2]) != len(spec.columns):
                raise _bad_cursor()
            values = tuple(_decode(c, v) for c, v in zip(spec.columns, value[2], strict=True))
        elif value[2] or not spec.nullable:
            raise _bad_cursor()
        else:
            values = ()
        return cls(sort, value[1], values, value[3])


def _parts(sort: str) -> list[int]:
    """The parts of a sort in page order: the valued rows (0) and the never-bought ones (1),
    which come first ascending and last descending."""
    spec = _SORTS[sort.lstrip("-")]
    if not spec.nullable:
        return [0]
    return [0, 1] if sort.startswith("-") else [1, 0]


def book_rows(session: Session, f: w.ClientFilters, *, region: str, now: datetime,
              limit: int | None, cursor: str | None
              ) -> tuple[list[CustomerRow], str | None]:
    """One page (or with `limit` None, all) of the book's rows in the sort's order."""
    sort = f.sort.value
    descending = sort.startswith("-")
    spec = _SORTS[sort.lstrip("-")]
    after = _Cursor.decode(cursor, sort)
    where = conditions(session, f, region=region, now=now)
    parts = _parts(sort)
    if after is not None:
        parts = parts[parts.index(after.part):]
    rows: list[tuple[int, CustomerRow]] = []
    for part in parts:
        keys = (*spec.columns, CustomerRow.customer_id) if part == 0 else (
            CustomerRow.customer_id,)
        query = select(CustomerRow).where(*where)
        if spec.nullable:
            column = spec.columns[0]
            query = query.where(column.is_not(None) if part == 0 else column.is_(None))
        if after is not None and after.part == part:
            mark = tuple_(*keys)
            edge = tuple_(*after.values, after.customer_id) if part == 0 else tuple_(
                after.customer_id)
            query = query.where(mark < edge if descending else mark > edge)
        query = query.order_by(*[k.desc() if descending else k.asc() for k in keys])
        if limit is not None:
            query = query.limit(limit + 1 - len(rows))
        rows += [(part, row) for row in session.scalars(query)]
        if limit is not None and len(rows) > limit:
            break
    if limit is None or len(rows) <= limit:
        return [row for _, row in rows], None
    page = rows[:limit]
    part, last = page[-1]
    values = tuple(getattr(last, c.key) for c in spec.columns) if part == 0 else ()
    return [row for _, row in page], _Cursor(sort, part, values, last.customer_id).encode()


def count(session: Session, f: w.ClientFilters, *, region: str, now: datetime) -> int:
    return int(session.scalar(select(func.count()).select_from(CustomerRow)
                              .where(*conditions(session, f, region=region, now=now))) or 0)


def _channels(row: CustomerRow) -> list[str]:
    return [c for c in row.channels.split(",") if c]


def client(row: CustomerRow, now: datetime) -> w.Client:
    value = Decimal(row.lifetime_value or 0)
    return w.Client(
        customer_id=row.customer_id, first_name=row.first_name, last_name=row.last_name,
        tier=row.tier, lifetime_value=value, orders_count=row.orders_count,
        last_purchase_at=row.last_purchase_at, channels=_channels(row),
        consents=w.ClientConsents(email=row.consent_email, sms=row.consent_sms),
        assigned_seller_id=row.assigned_seller_id,
        segment=w.SegmentName(segments.segment_of(row.last_purchase_at, row.orders_count,
                                                  value, now).value))


def client_page(session: Session, f: w.ClientFilters, *, region: str, limit: int,
                cursor: str | None, now: datetime | None = None) -> w.ClientPage:
    now = now or utcnow()
    rows, next_cursor = book_rows(session, f, region=region, now=now, limit=limit,
                                  cursor=cursor)
    return w.ClientPage(items=[client(r, now) for r in rows], next_cursor=next_cursor,
                        total=count(session, f, region=region, now=now))


# --- assignments --------------------------------------------------------------------------


def _invalid(code: str, detail: str, field: str, message: str, **params: Any) -> DomainError:
    return DomainError(code, detail, errors=[{"field": field, "message": message}], **params)


def assign(session: Session, *, staff: Staff, body: w.ClientAssign) -> int:
    """Assign the clients to a seller of their store (one audit entry per client)."""
    seller = session.get(StaffUser, body.seller_id)
    if seller is None or not seller.active or seller.role != w.Role.SELLER:
        raise _invalid("assign.not_a_seller", "There is no such seller.", "seller_id",
                       "not a seller", seller_id=body.seller_id)
    store_id = seller.store_id or ""
    if staff.role != w.Role.ADMIN and store_id != staff.store_id:
        raise _invalid("assign.other_store", "The seller works in another store.",
                       "seller_id", "not a seller of your store", seller_id=body.seller_id)
    if staff.role == w.Role.SELLER:
        raise Forbidden("auth.forbidden", "Assigning clients is for managers.")
    ids = sorted(set(body.customer_ids))
    rows = {r.customer_id: r for r in session.scalars(
        select(CustomerRow).where(CustomerRow.customer_id.in_(ids)).with_for_update())}
    strangers = [c for c in ids if c not in rows or rows[c].erased_at is not None
                 or rows[c].home_store_id != store_id]
    if strangers:
        raise DomainError("assign.not_a_client", "Some of these customers are not clients of "
                          "the seller's store.", customer_ids=strangers[:20],
                          errors=[{"field": "customer_ids", "message": f"not a client: {c}"}
                                  for c in strangers[:20]])
    now = utcnow()
    for customer_id in ids:
        row = rows[customer_id]
        audit.record(session, action=audit.Action.CUSTOMER_ASSIGN, staff=staff,
                     customer_id=customer_id,
                     detail={"from": row.assigned_seller_id, "to": body.seller_id})
        if row.assigned_seller_id == body.seller_id:
            continue
        row.assigned_seller_id = body.seller_id
        row.version += 1
        row.updated_at = now
        session.flush()
        audience = feed.customer_audience(session, customer_id)
        feed.record_for_customer(session, customer_id=customer_id, entity="customer",
                                 key=customer_id, data=customer_view(session, row),
                                 audience=audience)
    return len(ids)


# --- tasks --------------------------------------------------------------------------------


def task_view(row: TaskRow) -> w.Task:
    return w.Task.model_validate(row)


def _record_task(session: Session, row: TaskRow) -> w.Task:
    session.flush()
    task = task_view(row)
    # The store's devices (the seller's "my tasks", the manager's book) work offline.
    feed.record(session, entity="task", key=row.task_id, data=task, scope=feed.CUSTOMER,
                store_ids=[row.store_id])
    return task


def create_task(session: Session, *, staff: Staff, body: w.TaskCreate) -> tuple[w.Task, bool]:
    """A follow-up for a seller about a client of the store; (task, created)."""
    customer = session.get(CustomerRow, body.customer_id)
    if customer is None or customer.erased_at is not None:
        raise NotFound("customer.not_found", "No customer has this id.",
                       customer_id=body.customer_id)
    store_id = customer.home_store_id or ""
    check_store(staff, store_id)
    assignee = session.get(StaffUser, body.assignee_id)
    if (assignee is None or not assignee.active or assignee.store_id != store_id
            or assignee.role == w.Role.ADMIN):
        raise _invalid("task.assignee", "A task goes to a seller of the client's store.",
                       "assignee_id", "not staff of the client's store",
                       assignee_id=body.assignee_id)
    tasks.check_consent(body.channel.value, consent_email=customer.consent_email,
                        consent_sms=customer.consent_sms)
    if body.task_id is not None and (held := session.get(TaskRow, body.task_id)) is not None:
        same = (held.customer_id, held.assignee_id, held.channel, held.due_on, held.reason) == (
            body.customer_id, body.assignee_id, body.channel.value, body.due_on, body.reason)
        if not same:
            raise Conflict("task.id_taken", "This task id is taken by another task.",
                           task_id=body.task_id)
        return task_view(held), False
    now = utcnow()
    row = TaskRow(task_id=body.task_id or uuid.uuid4().hex, store_id=store_id,
                  customer_id=body.customer_id, assignee_id=body.assignee_id,
                  created_by=staff.id, channel=body.channel.value, due_on=body.due_on,
                  reason=body.reason, status=tasks.TaskStatus.OPEN.value, snoozed_until=None,
                  created_at=now, updated_at=now)
    session.add(row)
    return _record_task(session, row), True


def list_tasks(session: Session, *, staff: Staff, assignee_id: int | None,
               status: w.TaskState | None, store_id: str | None,
               limit: int) -> list[w.Task]:
    """A seller's own tasks; a manager's store's; an admin's anywhere."""
    query = select(TaskRow)
    if staff.role == w.Role.SELLER:
        if assignee_id is not None and assignee_id != staff.id:
            raise Forbidden("auth.forbidden", "A seller reads their own tasks.")
        if store_id is not None and store_id != staff.store_id:
            raise Forbidden("auth.forbidden", "A seller reads their own tasks.")
        assignee_id = staff.id
    elif staff.role == w.Role.MANAGER:
        if store_id is not None and store_id != staff.store_id:
            raise Forbidden("auth.forbidden", "A manager reads their own store's tasks.",
                            store_id=store_id)
        store_id = staff.store_id or ""
    if store_id is not None:
        query = query.where(TaskRow.store_id == store_id)
    if assignee_id is not None:
        query = query.where(TaskRow.assignee_id == assignee_id)
    if status is not None:
        query = query.where(TaskRow.status == status.value)
    rows = session.scalars(query.order_by(TaskRow.due_on, TaskRow.task_id).limit(limit))
    return [task_view(r) for r in rows]


def update_task(session: Session, *, staff: Staff, task_id: str,
                body: w.TaskUpdate) -> w.Task:
    """Done, or snoozed until a day: the assignee, the store's manager or an admin."""
    if body.status is None and body.snoozed_until is None:
        raise _invalid("task.nothing", "Say `status: done` or `snoozed_until`.", "status",
                       "status or snoozed_until is required")
    row = session.scalars(select(TaskRow).where(TaskRow.task_id == task_id)
                          .with_for_update()).one_or_none()
    if row is None:
        raise NotFound("task.not_found", "No task has this id.", task_id=task_id)
    mine = staff.role == w.Role.SELLER and row.assignee_id == staff.id
    if not mine:
        check_store(staff, row.store_id)
    if body.status is not None:
        row.status = tasks.TaskStatus.DONE.value
    if body.snoozed_until is not None:
        row.snoozed_until = body.snoozed_until
    row.updated_at = utcnow()
    return _record_task(session, row)


# --- exports ------------------------------------------------------------------------------

EXPORT_COLUMNS = exports_rule.COLUMNS


def export(session: Session, *, staff: Staff, f: w.ClientFilters, region: str) -> str:
    """The book under `f` as CSV, contact details only where consented; recorded."""
    now = utcnow()
    rows, _ = book_rows(session, f, region=region, now=now, limit=None, cursor=None)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        item = client(row, now)
        writer.writerow(exports_rule.row(
            customer_id=row.customer_id, first_name=row.first_name, last_name=row.last_name,
            email=row.email, phone=row.phone, consent_email=row.consent_email,
            consent_sms=row.consent_sms, tier=row.tier, lifetime_value=item.lifetime_value,
            last_purchase_at=item.last_purchase_at, segment=item.segment.value))
    record_export(session, staff=staff, f=f, rows=len(rows), at=now)
    return out.getvalue()


def record_export(session: Session, *, staff: Staff, f: w.ClientFilters, rows: int,
                  at: datetime) -> w.ExportRecord:
    """Who exported which list, when, and how many rows (the export audit and the log)."""
    filters = f.model_dump(mode="json", exclude_defaults=True)
    filters["store_id"] = f.store_id
    row = ExportRow(store_id=f.store_id, staff_id=staff.id, at=at, filters=filters, rows=rows)
    session.add(row)
    audit.record(session, action=audit.Action.EXPORT, staff=staff,
                 detail={"store_id": f.store_id, "filters": filters, "rows": rows}, at=at)
    session.flush()
    return w.ExportRecord.model_validate(row)


def staff_of(session: Session, *, store_id: str, role: w.Role | None) -> list[w.StaffMember]:
    """The active staff of a store (one role, or all), by name."""
    query = select(StaffUser).where(StaffUser.store_id == store_id, StaffUser.active.is_(True))
    if role is not None:
        query = query.where(StaffUser.role == role.value)
    return [w.StaffMember(staff_id=u.id, display_name=u.display_name, role=w.Role(u.role))
            for u in session.scalars(query.order_by(StaffUser.display_name, StaffUser.id))]


def exports(session: Session, *, store_id: str, limit: int) -> list[w.ExportRecord]:
    rows = session.scalars(select(ExportRow).where(ExportRow.store_id == store_id)
                           .order_by(ExportRow.at.desc(), ExportRow.export_id.desc())
                           .limit(limit))
    return [w.ExportRecord.model_validate(r) for r in rows]


# --- KPIs ---------------------------------------------------------------------------------


def kpis(session: Session, *, store_id: str, now: datetime | None = None) -> w.Kpis:
    """The store's KPIs by `domain.kpis` (the device computes the same offline): the
    database counts by groups, the rule folds them."""
    now = now or utcnow()
    since = kpi_rule.window_start(now)
    tally = kpi_rule.Tally(now)
    mine = and_(CustomerRow.home_store_id == store_id, CustomerRow.erased_at.is_(None))
    total, active, new, email, sms = session.execute(select(
        func.count(),
        func.count().filter(CustomerRow.last_purchase_at >= since),
        func.count().filter(CustomerRow.first_purchase_at >= since),
        func.count().filter(CustomerRow.consent_email.is_(True)),
        func.count().filter(CustomerRow.consent_sms.is_(True)),
    ).where(mine)).one()
    tally.add_clients(count=total, active=active, new=new, email=email, sms=sms)
    for channel, status, amount in session.execute(
            select(OrderRow.channel, OrderRow.status, func.sum(OrderRow.total))
            .join(CustomerRow, CustomerRow.customer_id == OrderRow.customer_id)
            .where(mine).group_by(OrderRow.channel, OrderRow.status)):
        tally.add_order(channel=channel, status=status, total=Decimal(amount or 0))
    for n, clients, value_sum in session.execute(
            select(CustomerRow.channels_count, func.count(), func.sum(CustomerRow.lifetime_value))
            .where(mine).group_by(CustomerRow.channels_count)):
        tally.add_channel_group(int(n), int(clients), Decimal(value_sum or 0))
    tally.pickups_waiting = int(session.scalar(select(func.count()).select_from(OrderRow).where(
        OrderRow.fulfillment_store_id == store_id,
        OrderRow.fulfillment_type == FulfillmentType.CLICK_AND_COLLECT.value,
        OrderRow.status.in_([s.value for s in OPEN_PICKUP]))) or 0)
    return kpis_wire(store_id, tally.figures())


def kpis_wire(store_id: str, found: kpi_rule.KpiFigures) -> w.Kpis:
    return w.Kpis(
        store_id=store_id, active_clients=found.active_clients, new_clients=found.new_clients,
        consent_share=w.ConsentShare(email=found.consent_email_share,
                                     sms=found.consent_sms_share),
        revenue_by_channel=w.ChannelFigures(**found.revenue_by_channel),
        average_value_by_channels=found.average_value_by_channels,
        pickups_waiting=found.pickups_waiting)
