"""Customers: enrolment, profile with stats, edits with versions, consents, notes, wishlist,
timeline. Every write records its feed changes in the same transaction."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.codes.parse import parse_customer_code
from clienteling.domain import stats
from clienteling.domain import timeline as timeline_codes
from clienteling.domain.cards import CARD_PREFIX, card_from_serial
from clienteling.domain.errors import Busy, Conflict, DomainError, NotFound
from clienteling.domain.phones import to_e164
from clienteling.server import wire
from clienteling.server.audit import service as audit
from clienteling.server.auth.staff import Staff
from clienteling.server.config import ServerConfig
from clienteling.server.customers import policy, search
from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
from clienteling.server.customers.search import search_keys
from clienteling.server.db import utcnow
from clienteling.server.feed import service as feed
from clienteling.server.orders.models import OrderRow
from clienteling.server.products.models import ProductRow
from clienteling.server.stores.models import StoreRow

__all__ = ["search_keys"]  # the importer sets the key columns with the same function

CARD_ATTEMPTS = 20


def new_id() -> str:
    return str(uuid.uuid4())


# --- reading ------------------------------------------------------------------------------


def get_row(session: Session, customer_id: str, *, for_update: bool = False) -> CustomerRow:
    row = session.get(CustomerRow, customer_id, with_for_update=for_update)
    if row is None or row.erased_at is not None:  # an erased customer is a tombstone only
        raise NotFound("customer.not_found", "No customer has this id.",
                         customer_id=customer_id)
    return row


def customer_stats(session: Session, customer_id: str) -> w.CustomerStats:
    """Lifetime value, number of orders, last purchase and channels (`domain.stats`)."""
    orders = session.execute(
        select(OrderRow.status, OrderRow.total, OrderRow.currency, OrderRow.channel,
               OrderRow.created_at).where(OrderRow.customer_id == customer_id)).all()
    found = stats.figures(orders)
    return w.CustomerStats(lifetime_value=found.lifetime_value, orders_count=found.orders_count,
                           last_purchase_at=found.last_purchase_at,
                           channels=list(found.channels))


def customer_view(session: Session, row: CustomerRow) -> w.Customer:
    return wire.customer(row, customer_stats(session, row.customer_id))


def get_customer(session: Session, *, customer_id: str) -> w.Customer:
    return customer_view(session, get_row(session, customer_id))


def search_customers(session: Session, *, q: str, limit: int, cursor: str | None,
                     region: str, store_id: str | None = None) -> w.CustomerPage:
    """A page of the customers `q` finds; with `store_id`, that store's customers and, by an
    exact identifier only, the rest of the chain's (see `search.classify`)."""
    # Control characters (NUL, BEL…) come from no keyboard; format ones (ZWJ, RTL marks) do.
    if any(unicodedata.category(ch) == "Cc" and not ch.isspace() for ch in q):
        raise DomainError("search.invalid", "The search holds control characters.")
    rows, next_cursor = search.find(session, q, region=region, limit=limit, cursor=cursor,
                                    store_id=store_id)
    return w.CustomerPage(items=[wire.customer_summary(r) for r in rows], next_cursor=next_cursor)


def store_customers(session: Session, *, store_id: str, limit: int,
                    cursor: str | None) -> w.CustomerPage:
    rows, next_cursor = search.run(session, search.store_list(store_id), limit=limit,
                                   after=search.Cursor.decode(cursor))
    return w.CustomerPage(items=[wire.customer_summary(r) for r in rows], next_cursor=next_cursor)


def lookup_customer(session: Session, *, code: str) -> w.Customer:
    """The customer of a scanned card or customer QR; a misread code is a 422, not a 404."""
    card = parse_customer_code(code)  # a misread code: its DomainError is the 422
    row = session.scalar(select(CustomerRow).where(CustomerRow.loyalty_card == card))
    if row is None:
        raise NotFound("customer.not_found", "No customer has this card.",
                         card=card)
    return customer_view(session, row)


# --- writing ------------------------------------------------------------------------------


def _check_store(session: Session, store_id: str | None) -> None:
    if store_id is not None and session.get(StoreRow, store_id) is None:
        raise DomainError("store.unknown", "There is no such store.", store_id=store_id)


def _check_phone(phone: str | None, region: str) -> None:
    if phone is not None and to_e164(phone, region) is None:
        raise DomainError("customer.phone_invalid", "This is not a phone number.",
                         errors=[{"field": "phone", "message": "not a phone number"}])


def _set_keys(row: CustomerRow, region: str) -> None:
    for name, value in search_keys(row.first_name, row.last_name, row.email, row.phone,
                                   region).items():
        setattr(row, name, value)


def _interaction(session: Session, *, customer_id: str, kind: str, staff: Staff,
                 said: timeline_codes.Said | None = None, summary: str | None = None,
                 interaction_id: str | None = None) -> InteractionRow:
    """A timeline entry: what `said` says (a code with parameters), or free text."""
    row = InteractionRow(interaction_id=interaction_id or new_id(), customer_id=customer_id,
                         occurred_at=utcnow(), channel="store", kind=kind,
                         summary=said.summary if said is not None else summary or "",
                         code=said.code if said is not None else None,
                         params=said.params if said is not None else None,
                         store_id=staff.store_id, author=staff.username)
    session.add(row)
    return row


def _record(session: Session, row: CustomerRow, audience: set[str],
            interactions: Sequence[InteractionRow] = ()) -> w.Customer:
    """Flush, then record the customer (and new interactions) for the stores holding them."""
    session.flush()
    customer = customer_view(session, row)
    feed.record_for_customer(session, customer_id=row.customer_id, entity="customer",
                             key=row.customer_id, data=customer, audience=audience)
    for entry in interactions:
        feed.record_for_customer(session, customer_id=row.customer_id, entity="interaction",
                                 key=entry.interaction_id, data=wire.interaction(entry),
                                 audience=audience)
    return customer


def _next_card(session: Session) -> str:
    """The card after the highest one issued. Concurrent enrolments may compute the same one:
    the unique index refuses all but one, and the others try again (see `enrol_customer`)."""
    top = session.scalar(select(func.max(CustomerRow.loyalty_card)).where(
        CustomerRow.loyalty_card >= CARD_PREFIX,
        CustomerRow.loyalty_card < search.next_prefix(CARD_PREFIX)))
    serial = int(top[2:12]) + 1 if top and top[2:12].isdigit() else 1
    return card_from_serial(serial)


def _same_enrolment(row: CustomerRow, data: w.CustomerCreate, home_store_id: str | None) -> bool:
    return (row.first_name, row.last_name, row.email, row.phone, row.birth_date,
            row.home_store_id, row.consent_email, row.consent_sms) == (
        data.first_name, data.last_name, data.email, data.phone, data.birth_date,
        home_store_id, data.consent_email, data.consent_sms)


def _replay(session: Session, row: CustomerRow, data: w.CustomerCreate,
            home_store_id: str | None) -> w.Customer:
    if not _same_enrolment(row, data, home_store_id):
        raise Conflict("customer.id_conflict",
                       "Another customer was already enrolled with this id.",
                       customer_id=row.customer_id)
    return customer_view(session, row)


def enrol_customer(session: Session, *, data: w.CustomerCreate, staff: Staff,
                   region: str) -> tuple[w.Customer, bool]:
    """Enrol a customer and issue a loyalty card. Returns (customer, created); the same
    `customer_id` resent with the same data is the same customer (an offline device resending)."""
    home_store_id = data.home_store_id or staff.store_id
    if data.customer_id is not None:
        existing = session.get(CustomerRow, data.customer_id)
        if existing is not None:
            return _replay(session, existing, data, home_store_id), False
    _check_store(session, home_store_id)
    _check_phone(data.phone, region)
    now = utcnow()
    customer_id = data.customer_id or new_id()
    for _ in range(CARD_ATTEMPTS):
        row = CustomerRow(
            customer_id=customer_id, first_name=data.first_name, last_name=data.last_name,
            email=data.email, phone=data.phone, birth_date=data.birth_date,
            home_store_id=home_store_id, tier="member", points=0,
            consent_email=data.consent_email, consent_email_at=now if data.consent_email else None,
            consent_email_source="store" if data.consent_email else None,
            consent_sms=data.consent_sms, consent_sms_at=now if data.consent_sms else None,
            consent_sms_source="store" if data.consent_sms else None,
            version=1, created_at=now, updated_at=now, loyalty_card=_next_card(session),
        )
        _set_keys(row, region)
        try:
            with session.begin_nested():
                session.add(row)
            break
        except IntegrityError:
            # Someone took this card, or (the same enrolment sent twice at once) this id.
            existing = session.get(CustomerRow, customer_id, populate_existing=True)
            if existing is not None:
                return _replay(session, existing, data, home_store_id), False
    else:
        raise Busy("card.busy", "Too many enrolments at once: try again.")
    consents = [name for name, granted in (("email", data.consent_email),
                                           ("sms", data.consent_sms)) if granted]
    entry = _interaction(session, customer_id=customer_id, kind="enrolled", staff=staff,
                         said=timeline_codes.enrolled(card=row.loyalty_card, consents=consents))
    audience = feed.customer_audience(session, customer_id, home_store_id)
    return _record(session, row, audience, [entry]), True


def _apply_consent(session: Session, row: CustomerRow, *, channel: str, granted: bool,
                   source: str, staff: Staff, interaction_id: str | None = None) -> InteractionRow:
    setattr(row, f"consent_{channel}", granted)
    setattr(row, f"consent_{channel}_at", utcnow())
    setattr(row, f"consent_{channel}_source", source)
    return _interaction(session, customer_id=row.customer_id, kind="consent", staff=staff,
                        said=timeline_codes.consent(channel=channel, granted=granted,
                                                    source=source),
                        interaction_id=interaction_id)


_REQUIRED = ("first_name", "last_name", "tier")
_PLAIN = ("first_name", "last_name", "email", "phone", "birth_date", "home_store_id", "tier",
          "assigned_seller_id")


_AUDITED = {"tier": audit.Action.CUSTOMER_TIER, "home_store_id": audit.Action.CUSTOMER_HOME_STORE,
            "assigned_seller_id": audit.Action.CUSTOMER_ASSIGN}


def update_customer(session: Session, *, customer_id: str, patch: w.CustomerPatch,
                    staff: Staff, config: ServerConfig) -> w.Customer:
    """Apply the fields sent if `patch.version` is the current one; else 409 with the server's
    customer as `current`, so the app can show both versions."""
    row = get_row(session, customer_id, for_update=True)
    policy.check_patch(session, staff, row, patch, config)
    if patch.version != row.version:
        raise Conflict("customer.version_conflict",
                       "Someone changed this customer since you read it.", version=row.version,
                         current=customer_view(session, row).model_dump(mode="json"))
    sent = patch.model_fields_set - {"version"}
    for name in _REQUIRED:
        if name in sent and getattr(patch, name) is None:
            raise DomainError("validation", f"{name} cannot be empty.",
                             errors=[{"field": name, "message": "cannot be empty"}])
    if "home_store_id" in sent:
        _check_store(session, patch.home_store_id)
    if "phone" in sent:
        _check_phone(patch.phone, config.phone_region)
    before = feed.customer_audience(session, customer_id, row.home_store_id)
    changed = False
    for name in _PLAIN:
        if name in sent and getattr(row, name) != getattr(patch, name):
            if name in _AUDITED:
                audit.record(session, action=_AUDITED[name], staff=staff,
                             customer_id=customer_id,
                             detail={"from": getattr(row, name), "to": getattr(patch, name)})
            setattr(row, name, getattr(patch, name))
            changed = True
    entries = []
    if patch.consents is not None:
        for channel in ("email", "sms"):
            change = getattr(patch.consents, channel)
            if change is not None:
                entries.append(_apply_consent(session, row, channel=channel,
                                              granted=change.granted, source=change.source,
                                              staff=staff))
    if not changed and not entries:
        return customer_view(session, row)
    _set_keys(row, config.phone_region)
    row.version += 1
    row.updated_at = utcnow()
    session.flush()
    after = feed.customer_audience(session, customer_id, row.home_store_id)
    customer = _record(session, row, before & after, entries)
    if before != after:
        feed.rescope_customer(session, customer_id, before)
    return customer


def record_consent(session: Session, *, customer_id: str, record: w.ConsentRecord,
                   staff: Staff) -> w.Customer:
    """A consent given or withdrawn now: a fact at a time, so no version is needed; the latest
    one wins. The same `interaction_id` resent changes nothing more."""
    row = get_row(session, customer_id, for_update=True)
    if record.interaction_id is not None:
        seen = session.get(InteractionRow, record.interaction_id)
        if seen is not None:
            if seen.customer_id != customer_id or seen.kind != "consent":
                raise Conflict("interaction.id_conflict",
                               "This interaction id is used by another entry.")
            return customer_view(session, row)
    entry = _apply_consent(session, row, channel=record.channel, granted=record.granted,
                           source=record.source, staff=staff,
                           interaction_id=record.interaction_id)
    row.version += 1
    row.updated_at = utcnow()
    return _record(session, row, feed.customer_audience(session, customer_id), [entry])


def add_note(session: Session, *, customer_id: str, note: w.NoteCreate,
             staff: Staff) -> tuple[w.Interaction, bool]:
    """A seller's note on the customer's timeline; (note, created). The same `interaction_id`
    resent returns the note already recorded."""
    get_row(session, customer_id)
    if note.interaction_id is not None:
        seen = session.get(InteractionRow, note.interaction_id)
        if seen is not None:
            if seen.customer_id != customer_id or seen.kind != "note" or (
                    seen.summary != note.text):
                raise Conflict("interaction.id_conflict",
                               "This interaction id is used by another entry.")
            return wire.interaction(seen), False
    entry = _interaction(session, customer_id=customer_id, kind="note", summary=note.text,
                         staff=staff, interaction_id=note.interaction_id)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # the same note sent twice at the same instant
        seen = session.get(InteractionRow, entry.interaction_id, populate_existing=True)
        if seen is None or seen.customer_id != customer_id or seen.summary != note.text:
            raise Conflict("interaction.id_conflict",
                           "This interaction id is used by another entry.") from None
        return wire.interaction(seen), False
    interaction = wire.interaction(entry)
    feed.record_for_customer(session, customer_id=customer_id, entity="interaction",
                             key=entry.interaction_id, data=interaction)
    return interaction, True


def customer_orders(session: Session, *, customer_id: str, limit: int) -> list[w.Order]:
    get_row(session, customer_id)
    rows = session.scalars(
        select(OrderRow).where(OrderRow.customer_id == customer_id)
        .order_by(OrderRow.created_at.desc(), OrderRow.order_number.desc()).limit(limit)).all()
    skus = {line.sku for row in rows for line in row.lines}
    names = dict(session.execute(
        select(ProductRow.sku, ProductRow.name).where(ProductRow.sku.in_(skus))).all()
    ) if skus else {}
    return [wire.order(row, names) for row in rows]


def wishlist(session: Session, *, customer_id: str) -> list[w.WishlistItem]:
    get_row(session, customer_id)
    rows = session.execute(
        select(WishlistRow, ProductRow).join(ProductRow, ProductRow.sku == WishlistRow.sku)
        .where(WishlistRow.customer_id == customer_id)
        .order_by(WishlistRow.added_at.desc(), WishlistRow.sku)).all()
    return [wire.wishlist_item(item, product) for item, product in rows]


def add_to_wishlist(session: Session, *, customer_id: str,
                    sku: str) -> tuple[w.WishlistItem, bool]:
    """Add `sku` to the wishlist; (item, created). Already there: unchanged."""
    get_row(session, customer_id)
    product = session.get(ProductRow, sku)
    if product is None:
        raise DomainError("product.unknown", "No product has this SKU.", sku=sku,
                         errors=[{"field": "sku", "message": "unknown SKU"}])
    item = session.get(WishlistRow, (customer_id, sku))
    if item is not None:
        return wire.wishlist_item(item, product), False
    item = WishlistRow(customer_id=customer_id, sku=sku, added_at=utcnow())
    try:
        with session.begin_nested():
            session.add(item)
    except IntegrityError:  # added by another device at the same instant
        item = session.get(WishlistRow, (customer_id, sku), populate_existing=True)
        if item is None:
            raise
        return wire.wishlist_item(item, product), False
    data = wire.wishlist_item(item, product)
    feed.record_for_customer(session, customer_id=customer_id, entity="wishlist_item",
                             key=feed.wishlist_key(customer_id, sku), data=data)
    return data, True


def remove_from_wishlist(session: Session, *, customer_id: str, sku: str) -> None:
    get_row(session, customer_id)
    item = session.get(WishlistRow, (customer_id, sku))
    if item is None:
        raise NotFound("wishlist.not_found", "This product is not on the wishlist.",
                         sku=sku)
    session.delete(item)
    session.flush()
    feed.record_for_customer(session, customer_id=customer_id, entity="wishlist_item",
                             key=feed.wishlist_key(customer_id, sku), data=None)


def timeline(session: Session, *, customer_id: str, before: datetime | None,
             limit: int) -> list[w.Interaction]:
    """Interactions newest first; `before` pages back in time."""
    get_row(session, customer_id)
    query = select(InteractionRow).where(InteractionRow.customer_id == customer_id)
    if before is not None:
        query = query.where(InteractionRow.occurred_at < before)
    rows = session.scalars(query.order_by(InteractionRow.occurred_at.desc(),
                                          InteractionRow.interaction_id.desc()).limit(limit))
    return [wire.interaction(row) for row in rows]
