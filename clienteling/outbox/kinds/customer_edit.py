"""`customer.edit`: a change of profile fields, based on the version the seller read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.api.client import ApiError
from clienteling.domain.errors import DomainError
from clienteling.outbox import queue
from clienteling.outbox.command import (
    Command,
    Request,
    Write,
    payload_of,
    register,
    validated,
)
from clienteling.outbox.entry import Row
from clienteling.outbox.overlay import created, mark, path_segment
from clienteling.replica import reads
from clienteling.replica.apply import Applied, BadChange, write_entity
from clienteling.replica.views import Consent, CustomerProfile, CustomerSummary

KIND = "customer.edit"
PROFILE_FIELDS = ("first_name", "last_name", "email", "phone", "birth_date", "home_store_id",
                  "tier", "assigned_seller_id")
SUMMARY_FIELDS = ("first_name", "last_name", "email", "phone", "home_store_id", "tier")


def rebase_edits(conn: Connection, *, customer_id: str, from_version: int,
                 to_version: int) -> None:
    """After this device's own edit or consent went through (the server moved the customer
    from `from_version` to `to_version`), the next unsent edits of that customer were built on
    it: move their base version along, so they do not conflict with ourselves."""
    for row in queue.rows(conn, customer_id=customer_id, kinds=[KIND]):
        if row.payload.get("version") == from_version:
            queue.set_payload(conn, row.id, {**row.payload, "version": to_version})


def settle_customer(conn: Connection, kind: str, answer: Any, sent_version: Any) -> Applied:
    """A customer the server answered with: into the replica, and the unsent edits built on
    the version we sent moved onto the new one."""
    if not isinstance(answer, dict):
        raise BadChange(f"{kind}: the server's answer is empty")
    applied = write_entity(conn, "customer", answer, in_scope=False)
    version = answer.get("version")
    if isinstance(version, int):
        sent = sent_version if sent_version is not None else version - 1
        if isinstance(sent, int):
            rebase_edits(conn, customer_id=answer["customer_id"], from_version=sent,
                         to_version=version)
    return applied


def edit_applied(patch: Mapping[str, Any], current: Mapping[str, Any]) -> bool:
    """The server's customer is exactly our edit on top of the version we read."""
    if current.get("version") != patch.get("version", 0) + 1:
        return False
    for name, value in patch.items():
        if name == "version":
            continue
        if name == "tier":
            if (current.get("loyalty") or {}).get("tier") != value:
                return False
        elif name == "consents":
            for channel, change in (value or {}).items():
                if change is not None and ((current.get("consents") or {}).get(
                        channel) or {}).get("granted") != change.get("granted"):
                    return False
        elif current.get(name) != value:
            return False
    return True


def with_consent(profile: CustomerProfile, channel: str, granted: bool, source: str | None,
                 row: Row) -> CustomerProfile:
    consent = Consent(bool(granted), created(row), source or "store", mark(row))
    if channel == "email":
        return replace(profile, consent_email=consent)
    if channel == "sms":
        return replace(profile, consent_sms=consent)
    return profile


class CustomerEdit(Command):
    kind = KIND
    label = "outbox.customer.edit"
    entity = "customer"

    def request(self, row: Row) -> Request:
        return Request("PATCH", f"/customers/{path_segment(row.customer_id)}", row.payload)

    def settle(self, conn: Connection, row: Row, answer: Any) -> Applied:
        return settle_customer(conn, self.kind, answer, row.payload.get("version"))

    def already_done(self, row: Row, error: ApiError) -> Mapping[str, Any] | bool:
        if error.code == "customer.version_conflict":
            current = error.problem.get("current")
            if isinstance(current, dict) and edit_applied(row.payload, current):
                return current
        return False

    def waits_for(self, row: Row, earlier: Row) -> bool:
        # Successive edits of one customer: each builds on the last.
        return super().waits_for(row, earlier) or (
            earlier.kind == KIND and earlier.customer_id == row.customer_id)

    def on_profile(self, profile: CustomerProfile, row: Row) -> CustomerProfile | None:
        pending = set(profile.pending_fields)
        changes: dict[str, Any] = {}
        for name in PROFILE_FIELDS:
            if name in row.payload:
                value = row.payload[name]
                if name == "birth_date" and value:
                    value = date.fromisoformat(value)
                changes[name] = value
                pending.add(name)
        profile = replace(profile, **changes)
        for channel, change in (row.payload.get("consents") or {}).items():
            if change is not None:
                profile = with_consent(profile, channel, change["granted"],
                                       change.get("source"), row)
                pending.add(f"consent_{channel}")
        return replace(profile, pending_fields=frozenset(pending))

    def on_summary(self, summary: CustomerSummary, row: Row) -> CustomerSummary | None:
        changes = {name: row.payload[name] for name in SUMMARY_FIELDS if name in row.payload}
        return replace(summary, **changes) if changes else None


def write(customer_id: str, version: int, changes: Mapping[str, Any]) -> Write:
    """Change profile fields based on `version`. Raises `customer.invalid`;
    `customer.not_found` when queued for a customer the replica does not hold."""
    if not changes:
        raise DomainError("customer.invalid", "nothing to change", errors=[])
    if "version" in changes or "consents" in changes:
        raise DomainError("customer.invalid", "change consents with record_consent",
                          errors=[{"field": "consents", "message": "not here"}])
    patch = validated(w.CustomerPatch, "customer.invalid", version=version, **changes)

    def check(conn: Connection) -> None:
        if reads.customer_row(conn, customer_id) is None:
            raise DomainError("customer.not_found", "edit a customer once the server has "
                              "them", customer_id=customer_id)

    return Write(KIND, payload_of(patch, exclude_unset=True), customer_id=customer_id,
                 check=check)


register(CustomerEdit())
