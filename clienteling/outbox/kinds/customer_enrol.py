"""`customer.enrol`: a new customer, with the id the device made for them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from clienteling.api import models as w
from clienteling.outbox import queue
from clienteling.outbox.command import Command, Request, Write, payload_of, register, validated
from clienteling.outbox.entry import Row
from clienteling.outbox.kinds.customer_edit import settle_customer
from clienteling.outbox.overlay import created, mark
from clienteling.replica.apply import Applied
from clienteling.replica.views import Consent, CustomerProfile, CustomerSummary

KIND = "customer.enrol"


class CustomerEnrol(Command):
    kind = KIND
    label = "outbox.customer.enrol"
    entity = "customer"
    creates_customer = True

    def request(self, row: Row) -> Request:
        return Request("POST", "/customers", row.payload)

    def settle(self, conn: Connection, row: Row, answer: Any) -> Applied:
        return settle_customer(conn, self.kind, answer, None)

    def enrolled(self, row: Row) -> CustomerProfile | None:
        p = row.payload
        at = created(row)
        birth = p.get("birth_date")
        return CustomerProfile(
            customer_id=row.customer_id or p.get("customer_id", ""), first_name=p["first_name"],
            last_name=p["last_name"], email=p.get("email"), phone=p.get("phone"),
            birth_date=date.fromisoformat(birth) if birth else None,
            home_store_id=p.get("home_store_id"), card=None, tier="member", points=0,
            consent_email=Consent(bool(p.get("consent_email")),
                                  at if p.get("consent_email") else None, "store", mark(row)),
            consent_sms=Consent(bool(p.get("consent_sms")), at if p.get("consent_sms") else None,
                                "store", mark(row)),
            assigned_seller_id=None, version=0, created_at=at, updated_at=at, sync=mark(row),
            pending_fields=frozenset(k for k in p if k != "customer_id"))

    def enrolled_summary(self, row: Row) -> CustomerSummary | None:
        p = row.payload
        return CustomerSummary(
            customer_id=row.customer_id or "", first_name=p["first_name"],
            last_name=p["last_name"], email=p.get("email"), phone=p.get("phone"), card=None,
            tier="member", home_store_id=p.get("home_store_id"), sync=mark(row))


def write(*, first_name: str, last_name: str, email: str | None, phone: str | None,
          birth_date: Any, home_store_id: str | None, consent_email: bool,
          consent_sms: bool) -> Write:
    """A new customer; the device makes the `customer_id`, so notes and orders can follow at
    once, offline. Raises `customer.invalid` (with `errors`)."""
    customer_id = queue.new_id("c")
    create = validated(
        w.CustomerCreate, "customer.invalid", customer_id=customer_id,
        first_name=first_name, last_name=last_name, email=email or None,
        phone=phone or None, birth_date=birth_date, home_store_id=home_store_id,
        consent_email=consent_email, consent_sms=consent_sms)
    return Write(KIND, payload_of(create), customer_id=customer_id)


register(CustomerEnrol())
