"""The seven import files: their columns, and each row checked and turned into database values.

A parser takes one row (a dict of column → text, or a parsed JSON object for orders.jsonl) and
returns the values to store, or raises `RowError` with the reason a person can act on
("loyalty_card: check digit does not match"). References to other rows (a customer's home
store, an order's SKUs) are only named here (`references`); whether they exist is the
importer's business, since they may come from the database or from another file of the run.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from clienteling.api import models as w
from clienteling.domain.cards import normalize_card
from clienteling.domain.contact import is_email
from clienteling.domain.errors import DomainError
from clienteling.domain.gtin import validate_gtin
from clienteling.domain.money import MAX_AMOUNT
from clienteling.domain.orders import (
    DELIVERY_FEES,
    RESERVING,
    Channel,
    FulfillmentType,
    OrderStatus,
    PaymentMode,
)
from clienteling.domain.phones import to_e164

Record = dict[str, Any]

# Kinds of references between files.
STORE, PRODUCT, CUSTOMER = "store", "product", "customer"

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")
_SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$")
# The shape a pickup QR can carry (clienteling.codes.parse): an order number outside it could
# never be collected by scanning.
_ORDER_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]{2,39}$")
_PICKUP_CODE = re.compile(r"^[A-Za-z0-9]{4,32}$")
_PRICE = re.compile(r"^\d{1,9}(\.\d{1,2})?$")
_COUNT = re.compile(r"^\d{1,9}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,19}$")

# The timeline's vocabulary. "order", "enrolled", "consent" and "note" are also written by the
# API itself.
INTERACTION_CHANNELS = frozenset({"store", "web", "app", "phone", "email", "sms", "chat", "mail",
                                  "social"})
INTERACTION_KINDS = frozenset({
    "purchase", "order", "return", "complaint", "request", "feedback", "call", "email",
    "message", "visit", "appointment", "note", "consent", "enrolled",
})
# Which statuses make sense for which way of handing the order over.
_STATUSES_BY_FULFILLMENT = {
    FulfillmentType.CLICK_AND_COLLECT: {"pending", "confirmed", "ready_for_pickup", "collected",
                                        "cancelled", "returned"},
    FulfillmentType.HOME_DELIVERY: {"pending", "confirmed", "shipped", "delivered", "cancelled",
                                    "returned"},
    FulfillmentType.IN_STORE: {"pending", "confirmed", "collected", "cancelled", "returned"},
}
_ORDER_KEYS = frozenset({"order_number", "customer_id", "channel", "status", "created_at",
                         "fulfillment", "lines", "total", "currency", "pickup_code",
                         "payment_mode", "origin_store_id"})
_FULFILLMENT_KEYS = frozenset({"type", "store_id", "address", "method", "fee"})
_LINE_KEYS = frozenset({"sku", "quantity", "unit_price", "source_store_id"})
MAX_ORDER_LINES = 1000


class RowError(ValueError):
    """What is wrong with one row, worded for the person who exported the file."""

    @property
    def reason(self) -> str:
        return str(self.args[0])


def _show(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


# --- cells --------------------------------------------------------------------------------


def _required(row: Record, field: str) -> str:
    value = row[field]
    if not value:
        raise RowError(f"{field}: required")
    return value


def _text(row: Record, field: str, max_length: int, *, optional: bool = False,
          multiline: bool = False) -> str | None:
    value = row.get(field) or ""
    if not value:
        if optional:
            return None
        raise RowError(f"{field}: required")
    if len(value) > max_length:
        raise RowError(f"{field}: longer than {max_length} characters")
    if not (value.isprintable() or (multiline and value.replace("\n", "").replace(
            "\r", "").replace("\t", "").isprintable())):
        raise RowError(f"{field}: holds control characters")
    return value


def _id(row: Record, field: str, *, optional: bool = False, pattern: re.Pattern[str] = _ID,
        what: str = "an id", label: str | None = None) -> str | None:
    """An identifier cell (CSV) or member (JSON); `label` names it in messages."""
    label = label or field
    value = row.get(field)
    if value is None or value == "":
        if optional:
            return None
        raise RowError(f"{label}: required")
    if not isinstance(value, str) or not pattern.match(value):
        raise RowError(f"{label}: not {what} (letters, digits, '.', '_', '-'): {_show(value)}")
    return value


def _bool(row: Record, field: str) -> bool:
    value = row[field]
    if value == "true":
        return True
    if value == "false":
        return False
    raise RowError(f"{field}: not a boolean (true or false): {_show(value)}")


def _count(row: Record, field: str) -> int:
    value = row[field]
    if not _COUNT.match(value):
        raise RowError(f"{field}: not a whole number >= 0: {_show(value)}")
    return int(value)


def price(value: object, field: str) -> Decimal:
    """A price: a decimal string with a dot and at most two decimals ("12.90")."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _PRICE.match(value):
        raise RowError(f"{field}: not a price with a dot and at most 2 decimals: {_show(value)}")
    amount = Decimal(value)
    if amount >= MAX_AMOUNT:
        raise RowError(f"{field}: above {MAX_AMOUNT}")
    return amount.quantize(Decimal("0.01"))


def timestamp(value: object, field: str) -> datetime:
    """ISO 8601 date and time; without an offset it is UTC."""
    if not isinstance(value, str) or len(value) < 16 or value[10] not in "Tt ":
        raise RowError(f"{field}: not an ISO 8601 timestamp: {_show(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise RowError(f"{field}: not an ISO 8601 timestamp: {_show(value)}") from None
    if not 1900 <= parsed.year <= 2200:
        raise RowError(f"{field}: year {parsed.year} is out of range")
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _optional_timestamp(row: Record, field: str) -> datetime | None:
    value = row.get(field)
    return timestamp(value, field) if value else None


def _date(row: Record, field: str) -> date | None:
    value = row[field]
    if not value:
        return None
    if not _DATE.match(value):
        raise RowError(f"{field}: not a date YYYY-MM-DD: {_show(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RowError(f"{field}: no such date: {_show(value)}") from None


@functools.cache
def _names(allowed: frozenset[str] | type[Any]) -> tuple[str, ...]:
    return tuple(sorted(allowed)) if isinstance(allowed, frozenset) else tuple(
        member.value for member in allowed)


def _choice(row: Record, field: str, allowed: frozenset[str] | type[Any]) -> str:
    value = row.get(field)
    if value is None or value == "":
        raise RowError(f"{field}: required")
    names = _names(allowed)  # type: ignore[arg-type]  # a frozenset or an enum: both hash
    if not isinstance(value, str) or value not in names:
        raise RowError(f"{field}: unknown value {_show(value)} (one of: {', '.join(names)})")
    return value


def _domain(field: str, error: DomainError) -> RowError:
    return RowError(f"{field}: {error}")


# --- the file formats ---------------------------------------------------------------------


@dataclass(frozen=True)
class FileFormat:
    """One import file: its columns, how a row becomes values, its key and its references."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    parse: Callable[[Record, str], Record]
    key: Callable[[Record], Any]
    # (column named in a message, kind of thing, its key) for each reference of a record.
    references: Callable[[Record], Iterator[tuple[str, str, str]]]
    # A second unique column (a card, an EAN): (column, value) or None.
    unique: Callable[[Record], tuple[str, str] | None] = lambda record: None

    @property
    def is_csv(self) -> bool:
        return self.name.endswith(".csv")


def parse_store(row: Record, region: str) -> Record:
    latitude, longitude = row["latitude"], row["longitude"]
    if bool(latitude) != bool(longitude):
        raise RowError("latitude, longitude: give both or neither")
    coordinates: list[float | None] = [None, None]
    for index, (field, value, bound) in enumerate(
            (("latitude", latitude, 90.0), ("longitude", longitude, 180.0))):
        if value:
            try:
                number = float(value)
            except ValueError:
                raise RowError(f"{field}: not a number with a dot: {_show(value)}") from None
            if not -bound <= number <= bound:
                raise RowError(f"{field}: out of range (±{bound:g}): {_show(value)}")
            coordinates[index] = number
    country = _required(row, "country")
    if not _COUNTRY.match(country):
        raise RowError(f"country: not a two-letter country code: {_show(country)}")
    return {
        "store_id": _id(row, "store_id"),
        "name": _text(row, "name", 200),
        "address": _text(row, "address", 300),
        "postcode": _text(row, "postcode", 16),
        "city": _text(row, "city", 100),
        "country": country,
        "latitude": coordinates[0],
        "longitude": coordinates[1],
        "click_and_collect": _bool(row, "click_and_collect"),
    }


def parse_product(row: Record, region: str) -> Record:
    ean = _required(row, "ean")
    try:
        validate_gtin(ean)
    except DomainError as error:
        raise _domain("ean", error) from None
    currency = _required(row, "currency")
    if not _CURRENCY.match(currency):
        raise RowError(f"currency: not a three-letter currency code: {_show(currency)}")
    return {
        "sku": _id(row, "sku", pattern=_SKU, what="a SKU"),
        "ean": ean,
        "name": _text(row, "name", 300),
        "brand": _text(row, "brand", 100),
        "category": _text(row, "category", 100),
        "price": price(_required(row, "price"), "price"),
        "currency": currency,
    }


def parse_stock(row: Record, region: str) -> Record:
    return {
        "store_id": _id(row, "store_id"),
        "sku": _id(row, "sku", pattern=_SKU, what="a SKU"),
        "on_hand": _count(row, "on_hand"),
    }


def _consent_source(row: Record, field: str) -> str | None:
    return _text(row, field, 40, optional=True)


def parse_customer(row: Record, region: str) -> Record:
    try:
        card = normalize_card(_required(row, "loyalty_card"))
    except DomainError as error:
        raise _domain("loyalty_card", error) from None
    email = _text(row, "email", 254, optional=True)
    if email is not None and not is_email(email):
        raise RowError(f"email: not an email address: {_show(email)}")
    phone = _text(row, "phone", 32, optional=True)
    if phone is not None and to_e164(phone, region) is None:
        raise RowError(f"phone: not a phone number: {_show(phone)}")
    birth_date = _date(row, "birth_date")
    if birth_date is not None and not date(1900, 1, 1) <= birth_date <= date.today():
        raise RowError(f"birth_date: out of range: {birth_date.isoformat()}")
    tier = _required(row, "tier")
    if not _LABEL.match(tier):
        raise RowError(f"tier: not a tier name (letters, digits, '_', '-'; 20 at most): "
                       f"{_show(tier)}")
    return {
        "customer_id": _id(row, "customer_id"),
        "loyalty_card": card,
        "first_name": _text(row, "first_name", 100),
        "last_name": _text(row, "last_name", 100),
        "email": email,
        "phone": phone,
        "birth_date": birth_date,
        "home_store_id": _id(row, "home_store_id"),
        "tier": tier,
        "points": _count(row, "points"),
        "consent_email": _bool(row, "consent_email"),
        "consent_sms": _bool(row, "consent_sms"),
        "created_at": timestamp(row["created_at"], "created_at"),
        # Optional columns: when the file has them, they are the truth; when it has not, the
        # importer dates a consent change itself.
        "consent_email_at": _optional_timestamp(row, "consent_email_at"),
        "consent_email_source": _consent_source(row, "consent_email_source"),
        "consent_sms_at": _optional_timestamp(row, "consent_sms_at"),
        "consent_sms_source": _consent_source(row, "consent_sms_source"),
    }


def parse_wishlist(row: Record, region: str) -> Record:
    return {
        "customer_id": _id(row, "customer_id"),
        "sku": _id(row, "sku", pattern=_SKU, what="a SKU"),
        "added_at": timestamp(row["added_at"], "added_at"),
    }


def interaction_id(customer_id: str, occurred_at: datetime, channel: str, kind: str,
                   summary: str) -> str:
    """The id of an imported interaction, which the file does not carry: the same entry
    imported twice is the same row."""
    material = "\x1f".join((customer_id, occurred_at.astimezone(UTC).isoformat(), channel, kind,
                            summary))
    return "imp-" + hashlib.sha256(material.encode()).hexdigest()[:40]


def parse_interaction(row: Record, region: str) -> Record:
    customer_id = _id(row, "customer_id")
    occurred_at = timestamp(row["occurred_at"], "occurred_at")
    channel = _choice(row, "channel", INTERACTION_CHANNELS)
    kind = _choice(row, "kind", INTERACTION_KINDS)
    summary = _text(row, "summary", 4000, multiline=True)
    assert customer_id is not None and summary is not None
    return {
        "interaction_id": interaction_id(customer_id, occurred_at, channel, kind, summary),
        "customer_id": customer_id,
        "occurred_at": occurred_at,
        "channel": channel,
        "kind": kind,
        "summary": summary,
        "store_id": _id(row, "store_id", optional=True),
        "author": _text(row, "author", 150, optional=True),
        # The retailer's own words: free text, shown as it is (no code).
        "code": None,
        "params": None,
    }


def _object(value: object, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RowError(f"{field}: not a JSON object")
    return value


def _unknown_keys(obj: dict[str, Any], allowed: frozenset[str], where: str) -> None:
    extra = sorted(set(obj) - allowed)
    if extra:
        raise RowError(f"{where}{extra[0]}: unknown field")


def _order_lines(raw: object) -> list[Record]:
    if not isinstance(raw, list) or not raw:
        raise RowError("lines: a non-empty list of lines is required")
    if len(raw) > MAX_ORDER_LINES:
        raise RowError(f"lines: more than {MAX_ORDER_LINES} lines")
    lines = []
    for index, item in enumerate(raw):
        where = f"lines[{index}]"
        line = _object(item, where)
        _unknown_keys(line, _LINE_KEYS, f"{where}.")
        quantity = line.get("quantity")
        if type(quantity) is not int or not 1 <= quantity <= 9999:
            raise RowError(f"{where}.quantity: not a whole number from 1 to 9999: "
                           f"{_show(quantity)}")
        lines.append({
            "line_no": index + 1,
            "sku": _id(line, "sku", pattern=_SKU, what="a SKU", label=f"{where}.sku"),
            "quantity": quantity,
            "unit_price": price(line.get("unit_price"), f"{where}.unit_price"),
            "source_store_id": _id(line, "source_store_id", optional=True,
                                   label=f"{where}.source_store_id"),
        })
    return lines


def parse_order(obj: Record, region: str) -> Record:
    """One line of orders.jsonl. Prices may be JSON strings ("12.90") or numbers."""
    _unknown_keys(obj, _ORDER_KEYS, "")
    number = obj.get("order_number")
    if not isinstance(number, str) or not _ORDER_NUMBER.match(number):
        raise RowError("order_number: 3 to 40 letters, digits or '-' are required"
                       if not number else f"order_number: not an order number: {_show(number)}")
    customer_id = _id(obj, "customer_id")
    channel = _choice(obj, "channel", Channel)
    status = _choice(obj, "status", OrderStatus)
    created_at = timestamp(obj.get("created_at"), "created_at")
    fulfillment = _object(obj.get("fulfillment"), "fulfillment")
    _unknown_keys(fulfillment, _FULFILLMENT_KEYS, "fulfillment.")
    kind = FulfillmentType(_choice(fulfillment, "type", FulfillmentType))
    if status not in _STATUSES_BY_FULFILLMENT[kind]:
        raise RowError(f"status: an order with {kind.value} cannot be {status}")
    store_id = _id(fulfillment, "store_id", label="fulfillment.store_id",
                   optional=kind is FulfillmentType.HOME_DELIVERY)
    address = None
    method = fulfillment.get("method")
    fee = None
    if kind is FulfillmentType.HOME_DELIVERY:
        try:
            address = w.Address.model_validate(fulfillment.get("address")).model_dump(mode="json")
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise RowError(f"fulfillment.address{'.' + where if where else ''}: "
                           f"{first['msg']}") from None
        for name, value in (address or {}).items():
            if isinstance(value, str) and not value.isprintable():
                raise RowError(f"fulfillment.address.{name}: holds control characters")
        if method is not None and (not isinstance(method, str) or method not in DELIVERY_FEES):
            raise RowError(f"fulfillment.method: unknown value {_show(method)} "
                           f"(one of: {', '.join(sorted(DELIVERY_FEES))})")
        if fulfillment.get("fee") is not None:
            fee = price(fulfillment["fee"], "fulfillment.fee")
    elif fulfillment.get("address") is not None or method is not None:
        raise RowError("fulfillment: an address or a method is only for home_delivery")
    lines = _order_lines(obj.get("lines"))
    for line in lines:
        if line["source_store_id"] is None and kind is not FulfillmentType.HOME_DELIVERY:
            # Collected or bought in a store: that store's shelf is where the goods come from.
            line["source_store_id"] = store_id
    currency = obj.get("currency")
    if not isinstance(currency, str) or not _CURRENCY.match(currency):
        raise RowError(f"currency: not a three-letter currency code: {_show(currency)}")
    pickup_code = obj.get("pickup_code")
    if pickup_code is not None and (not isinstance(pickup_code, str)
                                    or not _PICKUP_CODE.match(pickup_code)):
        raise RowError(f"pickup_code: 4 to 32 letters or digits: {_show(pickup_code)}")
    payment_mode = obj.get("payment_mode")
    if payment_mode is not None:
        payment_mode = _choice(obj, "payment_mode", PaymentMode)
    return {
        "order_number": number,
        "customer_id": customer_id,
        "channel": channel,
        "status": status,
        "fulfillment_type": kind.value,
        "fulfillment_store_id": store_id,
        "address": address,
        "delivery_method": method,
        "delivery_fee": fee,
        "payment_mode": payment_mode,
        "origin_store_id": _id(obj, "origin_store_id", optional=True),
        "pickup_code": pickup_code,
        "total": price(obj.get("total"), "total"),
        "currency": currency,
        "created_at": created_at,
        "lines": lines,
    }


def reserves(order: Record) -> bool:
    """Whether an order in this state holds stock on the shelves its lines come from."""
    return OrderStatus(order["status"]) in RESERVING


def _refs_none(record: Record) -> Iterator[tuple[str, str, str]]:
    return iter(())


def _refs_stock(record: Record) -> Iterator[tuple[str, str, str]]:
    yield "store_id", STORE, record["store_id"]
    yield "sku", PRODUCT, record["sku"]


def _refs_customer(record: Record) -> Iterator[tuple[str, str, str]]:
    yield "home_store_id", STORE, record["home_store_id"]


def _refs_wishlist(record: Record) -> Iterator[tuple[str, str, str]]:
    yield "customer_id", CUSTOMER, record["customer_id"]
    yield "sku", PRODUCT, record["sku"]


def _refs_interaction(record: Record) -> Iterator[tuple[str, str, str]]:
    yield "customer_id", CUSTOMER, record["customer_id"]
    if record["store_id"]:
        yield "store_id", STORE, record["store_id"]


def _refs_order(record: Record) -> Iterator[tuple[str, str, str]]:
    yield "customer_id", CUSTOMER, record["customer_id"]
    if record["fulfillment_store_id"]:
        yield "fulfillment.store_id", STORE, record["fulfillment_store_id"]
    if record["origin_store_id"]:
        yield "origin_store_id", STORE, record["origin_store_id"]
    for index, line in enumerate(record["lines"]):
        yield f"lines[{index}].sku", PRODUCT, line["sku"]
        if line["source_store_id"] and line["source_store_id"] != record["fulfillment_store_id"]:
            yield f"lines[{index}].source_store_id", STORE, line["source_store_id"]


STORES = FileFormat(
    "stores.csv",
    ("store_id", "name", "address", "postcode", "city", "country", "latitude", "longitude",
     "click_and_collect"), (),
    parse_store, lambda r: r["store_id"], _refs_none)
PRODUCTS = FileFormat(
    "products.csv", ("sku", "ean", "name", "brand", "category", "price", "currency"), (),
    parse_product, lambda r: r["sku"], _refs_none, unique=lambda r: ("ean", r["ean"]))
STOCK = FileFormat(
    "stock.csv", ("store_id", "sku", "on_hand"), (),
    parse_stock, lambda r: (r["store_id"], r["sku"]), _refs_stock)
CUSTOMERS = FileFormat(
    "customers.csv",
    ("customer_id", "loyalty_card", "first_name", "last_name", "email", "phone", "birth_date",
     "home_store_id", "tier", "points", "consent_email", "consent_sms", "created_at"),
    ("consent_email_at", "consent_email_source", "consent_sms_at", "consent_sms_source"),
    parse_customer, lambda r: r["customer_id"], _refs_customer,
    unique=lambda r: ("loyalty_card", r["loyalty_card"]))
WISHLISTS = FileFormat(
    "wishlists.csv", ("customer_id", "sku", "added_at"), (),
    parse_wishlist, lambda r: (r["customer_id"], r["sku"]), _refs_wishlist)
INTERACTIONS = FileFormat(
    "interactions.csv", ("customer_id", "occurred_at", "channel", "kind", "summary"),
    ("store_id", "author"),
    parse_interaction, lambda r: r["interaction_id"], _refs_interaction)
ORDERS = FileFormat(
    "orders.jsonl", ("order_number", "customer_id", "channel", "status", "created_at",
                     "fulfillment", "lines", "total", "currency"),
    ("pickup_code", "payment_mode", "origin_store_id"),
    parse_order, lambda r: r["order_number"], _refs_order)

# In the order they are applied: every file refers only to files before it.
FORMATS: tuple[FileFormat, ...] = (STORES, PRODUCTS, STOCK, CUSTOMERS, WISHLISTS, INTERACTIONS,
                                   ORDERS)
