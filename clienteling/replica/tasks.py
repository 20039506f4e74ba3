"""The store's follow-up tasks in the replica, with their client's name; and the store's KPIs
counted offline (`clienteling.domain.kpis`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from clienteling.domain import kpis
from clienteling.domain.orders import OPEN_PICKUP, FulfillmentType
from clienteling.replica.apply import parse_ts
from clienteling.replica.book import ts_of
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


def _exact(value: float | None) -> Decimal:
    """A SQL sum of amounts with cents, back to an exact Decimal: each amount has at most two
    decimals, so the sum is a whole number of cents, and a float sum is far closer to it than
    half a cent (under 10^13 cents)."""
    return Decimal(round((value or 0.0) * 100)) / 100


_PICKUP_STATUSES = tuple(sorted(s.value for s in OPEN_PICKUP))


def kpi_tally(conn: Connection, store_id: str, now: datetime,
              pickup_statuses: Sequence[str] = _PICKUP_STATUSES) -> kpis.Tally:
    """The store's KPIs from the replica by `domain.kpis`, as the server counts them: by
    groups over each client's stored figures (`clienteling.replica.figures`, the
    `domain.stats` rule, kept current as orders arrive) and over the clients' orders."""
    tally = kpis.Tally(now)
    since = ts_of(kpis.window_start(now))  # the replica's fixed-width UTC text compares
    m = fetch_one(conn, "SELECT count(*) AS n, sum(last_purchase_at >= ?) AS active, "
                        "sum(first_purchase_at IS NOT NULL AND first_purchase_at >= ?) AS new, "
                        "sum(consent_email) AS email, sum(consent_sms) AS sms "
                        "FROM customers WHERE home_store_id = ?", (since, since, store_id))
    assert m is not None
    tally.add_clients(count=int(m["n"] or 0), active=int(m["active"] or 0),
                      new=int(m["new"] or 0), email=int(m["email"] or 0),
                      sms=int(m["sms"] or 0))
    for n, clients, value_sum in fetch_all(
            conn, "SELECT channels_count, count(*), sum(lifetime_value) FROM customers "
                  "WHERE home_store_id = ? GROUP BY channels_count", (store_id,)):
        tally.add_channel_group(int(n), int(clients), _exact(value_sum))
    for channel, status, total in fetch_all(
            conn, "SELECT o.channel, o.status, sum(CAST(o.total AS REAL)) FROM orders o "
                  "JOIN customers c ON c.customer_id = o.customer_id "
                  "WHERE c.home_store_id = ? GROUP BY o.channel, o.status", (store_id,)):
        tally.add_order(channel=channel, status=status, total=_exact(total))
    marks = ", ".join("?" for _ in pickup_statuses)
    tally.pickups_waiting = int(scalar(
        conn, f"SELECT count(*) FROM orders WHERE fulfillment_store_id = ? "
              f"AND fulfillment_type = ? AND status IN ({marks})",
        (store_id, FulfillmentType.CLICK_AND_COLLECT.value, *pickup_statuses)))
    return tally
