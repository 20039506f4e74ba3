"""The right of access: everything the chain holds on a customer, as one JSON document (and a
readable HTML page of it).

`SOURCES` names, for every table that references a customer, the part of the export that
carries it; tests/server/test_privacy.py fails when a table with a `customer_id` (or a foreign
key to customers) is missing from it. A mapped table without a reader of its own here (tasks,
when they exist) is exported row by row as it is stored, so it is never silently left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from clienteling.domain import timeline
from clienteling.server.audit import service as audit
from clienteling.server.audit.models import AuditEntry
from clienteling.server.customers import service as customers
from clienteling.server.customers.models import CustomerRow, InteractionRow
from clienteling.server.db import Base
from clienteling.server.privacy.erasure import live_customer

KEYS = ("customer", "consents", "orders", "wishlist", "interactions", "notes", "tasks", "audit")

# Table → the export key(s) holding its rows about the customer.
SOURCES: dict[str, tuple[str, ...]] = {
    "customers": ("customer", "consents"),
    "interactions": ("interactions", "notes", "consents"),
    "wishlist_items": ("wishlist",),
    "orders": ("orders",),
    "tasks": ("tasks",),
    "audit_log": ("audit",),
    # Each request, and its completion, is also an audit entry (gdpr.erase) about the customer.
    "erasure_requests": ("audit",),
}

_NO_LIMIT = 1_000_000
# `_apply_consent`'s summaries ("Email consent granted (store)") and the enrolment's.
_CONSENT = re.compile(r"^(Email|SMS) consent (granted|withdrawn) \((.*)\)$")
_ENROLLED = re.compile(r"consents: (.+)$")


def customer_tables() -> dict[str, Table]:
    """Every table with a `customer_id` column or a foreign key to customers."""
    import clienteling.server.models  # noqa: F401  (every table in the metadata)

    found = {}
    for name, table in Base.metadata.tables.items():
        refers = any(fk.column.table.name == "customers" for fk in table.foreign_keys)
        if name != "customers" and ("customer_id" in table.c or refers):
            found[name] = table
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(session: Session, table: Table, customer_id: str) -> list[dict[str, Any]]:
    """A table's rows about the customer, as stored (the generic reader)."""
    return [{k: _plain(v) for k, v in row._mapping.items()}
            for row in session.execute(select(table).where(table.c.customer_id == customer_id))]


def _consents(row: CustomerRow, entries: list[InteractionRow]) -> dict[str, Any]:
    """The consents in force, and every change of them: when, how (source), by whom."""
    history = []
    for entry in entries:
        base = {"at": _plain(entry.occurred_at), "by": entry.author, "store_id": entry.store_id,
                "summary": entry.summary}
        if entry.code in (timeline.CONSENT_GRANTED, timeline.CONSENT_WITHDRAWN):
            params = entry.params or {}
            history.append({**base, "channel": params.get("channel"),
                            "granted": entry.code == timeline.CONSENT_GRANTED,
                            "source": params.get("source") or entry.channel})
        elif entry.code == timeline.CUSTOMER_ENROLLED:
            for channel in (entry.params or {}).get("consents") or []:
                history.append({**base, "channel": channel, "granted": True,
                                "source": "enrolment"})
        elif entry.kind == "consent":  # an entry written before codes (see migration 0005)
            match = _CONSENT.match(entry.summary)
            history.append({**base, "channel": match and match[1].lower(),
                            "granted": match and match[2] == "granted",
                            "source": match[3] if match else entry.channel})
        elif entry.kind == "enrolled" and (given := _ENROLLED.search(entry.summary)):
            for channel in given[1].split(", "):
                history.append({**base, "channel": channel, "granted": True,
                                "source": "enrolment"})
    # A consent recorded without a change of its own (imported with the customer) is still
    # part of its history: as the profile holds it.
    for channel in ("email", "sms"):
        at = getattr(row, f"consent_{channel}_at")
        if at is not None and not any(h["channel"] == channel for h in history):
            history.append({"at": _plain(at), "by": None, "store_id": None,
                            "summary": "as recorded on the profile", "channel": channel,
                            "granted": getattr(row, f"consent_{channel}"),
                            "source": getattr(row, f"consent_{channel}_source")})
    history.sort(key=lambda h: h["at"])
    return {
        "email": {"granted": row.consent_email, "at": _plain(row.consent_email_at),
                  "source": row.consent_email_source},
        "sms": {"granted": row.consent_sms, "at": _plain(row.consent_sms_at),
                "source": row.consent_sms_source},
        "history": history,
    }


def export_customer(session: Session, *, customer_id: str, requested_by: str) -> dict[str, Any]:
    """Everything held on the customer (`KEYS`), recorded in the audit log (gdpr.export).
    Raises `customer.not_found` for an unknown or erased customer."""
    row = live_customer(session, customer_id)
    entries = list(session.scalars(
        select(InteractionRow).where(InteractionRow.customer_id == customer_id)
        .order_by(InteractionRow.occurred_at, InteractionRow.interaction_id)))
    trail = session.scalars(select(AuditEntry).where(AuditEntry.customer_id == customer_id)
                            .order_by(AuditEntry.id)).all()

    def interactions(kind_is_note: bool) -> list[dict[str, Any]]:
        return [{"interaction_id": e.interaction_id, "occurred_at": _plain(e.occurred_at),
                 "channel": e.channel, "kind": e.kind, "summary": e.summary,
                 "code": e.code, "params": e.params,
                 "store_id": e.store_id, "author": e.author}
                for e in entries if (e.kind == "note") == kind_is_note]

    readers: dict[str, Callable[[], Any]] = {
        "customer": lambda: customers.customer_view(session, row).model_dump(mode="json"),
        "consents": lambda: _consents(row, entries),
        "orders": lambda: [o.model_dump(mode="json") for o in customers.customer_orders(
            session, customer_id=customer_id, limit=_NO_LIMIT)],
        "wishlist": lambda: [i.model_dump(mode="json") for i in customers.wishlist(
            session, customer_id=customer_id)],
        "interactions": lambda: interactions(False),
        "notes": lambda: interactions(True),
        "audit": lambda: [{"id": a.id, "at": _plain(a.at), "action": a.action,
                           "staff_id": a.staff_id, "username": a.username,
                           "store_id": a.store_id, "detail": a.detail} for a in trail],
    }
    document: dict[str, Any] = {key: readers[key]() if key in readers else [] for key in KEYS}
    # Tables of customers' data without a reader above (tasks…): exported as stored.
    tables = customer_tables()
    for name, keys in SOURCES.items():
        if name in tables and not any(key in readers for key in keys):
            for key in keys:
                document[key] = _rows(session, tables[name], customer_id)
    audit.record(session, action=audit.Action.GDPR_EXPORT, staff=None, username=requested_by,
                 customer_id=customer_id,
                 detail={"parts": {key: len(v) for key, v in document.items()
                                   if isinstance(v, list)}})
    return document


# --- the readable page --------------------------------------------------------------------

_TITLES = {"customer": "Profile", "consents": "Consents and their history", "orders": "Orders",
           "wishlist": "Wishlist", "interactions": "Interactions", "notes": "Notes",
           "tasks": "Tasks", "audit": "Audit log entries about the customer"}


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return "<dl>" + "".join(f"<dt>{html.escape(str(k))}</dt><dd>{_cell(v)}</dd>"
                                for k, v in value.items()) + "</dl>"
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            columns = list(dict.fromkeys(k for v in value for k in v))
            head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
            body = "".join("<tr>" + "".join(f"<td>{_cell(v.get(c))}</td>" for c in columns)
                           + "</tr>" for v in value)
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        return "<ul>" + "".join(f"<li>{_cell(v)}</li>" for v in value) + "</ul>" if value else (
            "<p class='none'>none</p>")
    if value is None:
        return ""
    return html.escape(str(value))


def export_html(document: dict[str, Any]) -> str:
    """The export as one self-contained HTML page, a section per part."""
    profile = document.get("customer") or {}
    name = html.escape(f"{profile.get('first_name', '')} {profile.get('last_name', '')}".strip())
    sections = "".join(f"<section><h2>{_TITLES.get(key, key)}</h2>{_cell(value)}</section>"
                       for key, value in document.items())
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>Personal data held on {name}</title><style>"
        "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
        "margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;"
        "vertical-align:top}dl{margin:0}dt{font-weight:bold}dd{margin:0 0 .3em 1em}"
        ".none{color:#777}</style></head><body>"
        f"<h1>Personal data held on {name}</h1>"
        f"<p>Customer {html.escape(str(profile.get('customer_id', '')))}</p>"
        f"{sections}</body></html>\n")
