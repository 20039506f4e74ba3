"""Customers: search, the 360 view (fetched online when out of scope), enrolment, notes,
consents, contact edits and the wishlist (writes go through the outbox)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from clienteling.api import models as w
from clienteling.device.context import DeviceContext, Session
from clienteling.domain.access import works_customer
from clienteling.domain.cards import looks_like_card, normalize_card
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay
from clienteling.outbox.kinds import (
    consent_record,
    customer_edit,
    customer_enrol,
    note_add,
    wishlist_add,
    wishlist_remove,
)
from clienteling.replica import reads
from clienteling.replica.apply import Applied, BadChange, write_entity
from clienteling.replica.views import Customer360, CustomerSummary, OutboxEntry
from clienteling.sync.engine import change_set

__all__ = ["CustomerService"]


class CustomerService:
    """Reading customers from the replica (or the server when out of scope) and queuing the
    writes a seller makes about them. Writes raise `DomainError` for bad input (codes in each
    docstring), never for the network."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    # --- reads -----------------------------------------------------------------------------

    def search_customers(self, text: str, limit: int = 50) -> list[CustomerSummary]:
        """Customers matching `text` by name, email, phone (any format) or card, accent-,
        case- and format-insensitive, each word a prefix; customers enrolled offline
        included. An empty text gives an empty list."""
        session = self._ctx.need()
        limit = max(1, min(int(limit), 500))
        with session.replica.read() as conn:
            if looks_like_card(text):
                try:
                    card = normalize_card(text)
                except DomainError:
                    card = None
                row = reads.customer_by_card(conn, card) if card else None
                if row is not None:
                    return [overlay.summary_with_edits(conn, reads.summary_view(row))]
            return overlay.search_customers(conn, text, limit)

    def customer_360(self, customer_id: str) -> Customer360:
        """Profile, stats, orders, wishlist (with availability here), timeline and unsent
        writes of a customer. From the replica; when the customer is not in it (or only
        cached from an earlier online lookup, which the feed does not keep fresh) and the
        server is reachable, fetched online and cached. Raises `customer.not_found` (with
        `offline=True` when the server could not be asked)."""
        session = self._ctx.need()
        store_id = self._ctx.settings.store_id
        with session.replica.read() as conn:
            row = reads.customer_row(conn, customer_id)
            found = overlay.customer_360(conn, customer_id, store_id=store_id)
        if found is not None and (row is None or row["in_scope"]):
            return self._with_access(found)
        try:
            self._fetch_customer(session, customer_id)
        except DomainError as error:
            if found is not None and error.params.get("offline"):
                return self._with_access(found)  # the cached copy is the best there is offline
            raise
        with session.replica.read() as conn:
            found = overlay.customer_360(conn, customer_id, store_id=store_id, source="server")
        if found is None:
            raise DomainError("customer.not_found", "not found", customer_id=customer_id)
        return self._with_access(found)

    def by_card(self, session: Session, card: str) -> CustomerSummary:
        """A scanned card: the replica, then the server online (kept with the customer's
        orders, wishlist and timeline)."""
        with session.replica.read() as conn:
            row = reads.customer_by_card(conn, card)
            if row is not None:
                return overlay.summary_with_edits(conn, reads.summary_view(row))
        customer = self._ctx.online(lambda: session.client.lookup_customer(card),
                                    "customer.not_found", card=card)
        self._fetch_customer(session, customer.customer_id, customer)
        return CustomerSummary(customer_id=customer.customer_id,
                               first_name=customer.first_name, last_name=customer.last_name,
                               email=customer.email, phone=customer.phone,
                               card=customer.loyalty.card, tier=customer.loyalty.tier,
                               home_store_id=customer.home_store_id)

    def _with_access(self, found: Customer360) -> Customer360:
        settings = self._ctx.settings
        writable = works_customer(settings.role, settings.store_id,
                                  found.profile.home_store_id)
        return found if writable == found.writable else dataclasses.replace(
            found, writable=writable)

    def _fetch_customer(self, session: Session, customer_id: str,
                        customer: w.Customer | None = None) -> None:
        """Online: a customer outside the device's scope with their orders, wishlist and
        timeline, cached in the replica."""
        client = session.client

        def fetch() -> tuple[Any, ...]:
            return (customer or client.customer(customer_id),
                    client.customer_orders(customer_id), client.customer_wishlist(customer_id),
                    client.customer_timeline(customer_id))

        profile, orders, wishlist, timeline = self._ctx.online(
            fetch, "customer.not_found", customer_id=customer_id)
        applied = Applied()
        try:
            with session.replica.write() as conn:
                applied.merge(write_entity(conn, "customer", profile.model_dump(mode="json"),
                                           in_scope=False))
                for entity, items in (("order", orders), ("wishlist_item", wishlist),
                                      ("interaction", timeline)):
                    for item in items:
                        applied.merge(write_entity(conn, entity, item.model_dump(mode="json")))
        except BadChange as exc:
            raise DomainError("customer.not_found", "the server's answer is damaged",
                              offline=True, reason=str(exc), customer_id=customer_id) from None
        self._ctx.publish(change_set(applied))

    # --- writes (through the outbox) ---------------------------------------------------------
    # Each write is validated, then stored in ONE local transaction as an outbox entry with its
    # Idempotency-Key; it shows at once in reads (sync "waiting") and is sent in order by the
    # sync. Each returns the entry.

    def add_note(self, customer_id: str, text: str) -> OutboxEntry:
        """A seller's note on the customer's timeline. Raises `note.invalid`,
        `customer.not_found`."""
        self._ctx.need()
        return self._ctx.submit(note_add.write(customer_id, text))

    def record_consent(self, customer_id: str, channel: str, granted: bool,
                       source: str = "store") -> OutboxEntry:
        """A consent change (channel "email" or "sms") as a fact at this time; the latest one
        wins on the server. Raises `consent.invalid`, `customer.not_found`."""
        self._ctx.need()
        return self._ctx.submit(consent_record.write(customer_id, channel, granted, source))

    def edit_customer(self, customer_id: str, version: int,
                      changes: Mapping[str, Any]) -> OutboxEntry:
        """Change profile fields (first_name, last_name, email, phone, birth_date,
        home_store_id, tier, assigned_seller_id) based on `version` (the profile's `version`
        as shown). A conflict with someone else's edit comes back as a failed entry with
        problem `customer.version_conflict` and `extra["current"]`. Raises
        `customer.invalid` (with `errors`), `customer.not_found`."""
        self._ctx.need()
        return self._ctx.submit(customer_edit.write(customer_id, version, changes))

    def add_to_wishlist(self, customer_id: str, sku: str) -> OutboxEntry:
        """Raises `product.not_found`, `customer.not_found`, `wishlist.already`."""
        self._ctx.need()
        return self._ctx.submit(wishlist_add.write(customer_id, sku))

    def remove_from_wishlist(self, customer_id: str, sku: str) -> OutboxEntry:
        """Raises `wishlist.not_found`, `customer.not_found`."""
        self._ctx.need()
        return self._ctx.submit(wishlist_remove.write(customer_id, sku))

    def enrol_customer(self, *, first_name: str, last_name: str, email: str | None = None,
                       phone: str | None = None, birth_date: Any = None,
                       home_store_id: str | None = None, consent_email: bool = False,
                       consent_sms: bool = False) -> OutboxEntry:
        """Enrol a new customer (home store: this store unless given). The device makes the
        `customer_id` (the entry's `customer_id`), so notes and orders can follow at once,
        offline; the server issues the card when the entry is sent. Raises
        `customer.invalid` (with `errors`)."""
        self._ctx.need()
        return self._ctx.submit(customer_enrol.write(
            first_name=first_name, last_name=last_name, email=email, phone=phone,
            birth_date=birth_date, home_store_id=home_store_id or self._ctx.settings.store_id,
            consent_email=consent_email, consent_sms=consent_sms))
