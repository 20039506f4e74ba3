"""The store's follow-up tasks in the replica, with their client's name; and what the store's
KPIs are computed from offline (`clienteling.domain.kpis`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.domain import kpis, stats
from clienteling.domain.orders import OPEN_PICKUP, FulfillmentType
from clienteling.replica.apply import parse_ts
from clienteling.replica.reads import fetch_all, fetch_one, scalar
from clienteling.replica.views import TaskView

DONE_LIMIT = 200  # the latest done tasks shown; open ones are all shown

_SELECT = ("SELECT t.*, c.first_name, c.last_name FROM tasks t "
           "LEFT JOIN customers c ON c.customer_id = t.customer_id")


def task_view(m: Any) -> TaskView:
    name = " ".join(p for p in (m["first_name"], m["last_name"]) if p) or None
    return TaskView(
        task_id=m["task_id"], store_id=m["store_id"], customer_id=m["customer_id"],
        customer_name=name, assignee_id=int(m["assignee_id"]), channel=m["channel"],
        due_on=date.fromisoformat(m["due_on"]), reason=m["reason"], status=m["status"],
        snoozed_until=date.fromisoformat(m["snoozed_until"]) if m["snoozed_until"] else None,
        updated_at=parse_ts(m["updated_at"]))


def tasks_of(conn: Connection, *, assignee_id: int | None = None,
             customer_id: str | None = None, status: str | None = None,
             limit: int | None = None) -> list[TaskView]:
    """Tasks by assignee and/or customer and status: open ones by due day, done ones latest
    first."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("t.assignee_id", assignee_id), ("t.customer_id", customer_id),
                          ("t.status", status)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = _SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
    sql += (" ORDER BY t.updated_at DESC, t.task_id" if status == "done"
            else " ORDER BY t.due_on, t.task_id")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [task_view(m) for m in fetch_all(conn, sql, params)]


def task(conn: Connection, task_id: str) -> TaskView | None:
    m = fetch_one(conn, _SELECT + " WHERE t.task_id = ?", (task_id,))
    return task_view(m) if m is not None else None


def customer_name(conn: Connection, customer_id: str) -> str | None:
    m = fetch_one(conn, "SELECT first_name, last_name FROM customers WHERE customer_id = ?",
                  (customer_id,))
    return " ".join(p for p in (m["first_name"], m["last_name"]) if p) if m else None


# --- KPIs, offline ------------------------------------------------------------------------


class _Order:
    """What `domain.stats` reads of a replica order row."""

    __slots__ = ("channel", "created_at", "currency", "status", "total")

    def __init__(self, m: Any) -> None:
        self.status: str = m["status"]
        self.total = Decimal(m["total"])
        self.currency: str = m["currency"]
        self.channel: str = m["channel"]
        self.created_at: datetime = parse_ts(m["created_at"])  # type: ignore[assignment]


_PICKUP_STATUSES = tuple(sorted(s.value for s in OPEN_PICKUP))


def kpi_tally(conn: Connection, store_id: str, now: datetime,
              pickup_statuses: Sequence[str] = _PICKUP_STATUSES) -> kpis.Tally:
    """The store's KPIs folded from the replica: each client of the store (home store) with
    their figures from their orders (`domain.stats`, as the server stores them)."""
    tally = kpis.Tally(now)
    clients = fetch_all(conn, "SELECT customer_id, consent_email, consent_sms FROM customers "
                              "WHERE home_store_id = ?", (store_id,))
    orders: dict[str, list[_Order]] = {}
    for m in fetch_all(conn, "SELECT o.customer_id, o.status, o.total, o.currency, o.channel, "
                             "o.created_at FROM orders o JOIN customers c "
                             "ON c.customer_id = o.customer_id WHERE c.home_store_id = ?",
                       (store_id,)):
        order = _Order(m)
        orders.setdefault(m["customer_id"], []).append(order)
        tally.add_order(channel=order.channel, status=order.status, total=order.total)
    for m in clients:
        held = orders.get(m["customer_id"], [])
        found = stats.figures(held)
        first = min((o.created_at for o in held if stats.counts(o.status)), default=None)
        tally.add_client(first_purchase_at=first, last_purchase_at=found.last_purchase_at,
                         consent_email=bool(m["consent_email"]),
                         consent_sms=bool(m["consent_sms"]),
                         channels_used=len(found.channels),
                         lifetime_value=found.lifetime_value)
    marks = ", ".join("?" for _ in pickup_statuses)
    tally.pickups_waiting = int(scalar(
        conn, f"SELECT count(*) FROM orders WHERE fulfillment_store_id = ? "
              f"AND fulfillment_type = ? AND status IN ({marks})",
        (store_id, FulfillmentType.CLICK_AND_COLLECT.value, *pickup_statuses)))
    return tally
