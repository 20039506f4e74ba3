"""The central API's wire models: the one definition the server and the app both use.

Money is Decimal (serialised as a decimal string), timestamps are UTC and always carry their
offset. Field names follow the import files of the contract.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from clienteling.domain.contact import EMAIL_MAX_LENGTH, EMAIL_PATTERN
from clienteling.domain.orders import (
    Channel,
    FulfillmentType,
    OrderStatus,
    PaymentMode,
    PaymentStatus,
)


def _as_utc(value: datetime) -> datetime:
    # A timestamp without an offset is UTC (the contract); SQLite hands back naive values.
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError as error:  # 9999-12-31T23:00-14:00 is past the last year in UTC
        raise ValueError("timestamp out of range") from error


UTCDateTime = Annotated[datetime, AfterValidator(_as_utc)]
# The databases' INTEGER is 32-bit on PostgreSQL: a larger id or version is a 422, never a 500.
INT32_MAX = 2**31 - 1
RowId = Annotated[int, Field(ge=1, le=INT32_MAX)]
Money = Annotated[
    Decimal,
    Field(ge=0, le=Decimal("100000000"), max_digits=12, decimal_places=2),
    PlainSerializer(lambda d: format(d.quantize(Decimal("0.01")), "f"), return_type=str),
]
Text = Annotated[str, StringConstraints(max_length=200)]
# White space as either side may count it: Unicode's (what stripping removes) and Python's
# (str.isspace: also the separators U+001C to U+001F). Escapes every regex engine reads.
_SPACES = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# A name has a character that is not white space and none that is NUL, and the document says
# so: a name of white space only would be empty once stripped.
Name = Annotated[str, StringConstraints(
    strip_whitespace=True, min_length=1, max_length=100,
    pattern=rf"^[^\u0000]*[^{_SPACES}\u0000][^\u0000]*$")]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64,
                                      pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")]
Sku = Annotated[str, StringConstraints(min_length=1, max_length=64,
                                       pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-/]*$")]
OrderNumber = Annotated[str, StringConstraints(
    max_length=40, pattern=r"^[A-Z0-9]+-[0-9]{6}-[0-9A-Z-]{4,16}$")]
PickupSecret = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]{4,32}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", from_attributes=True)


NO_NUL = r"^[^\u0000]*$"


def _document_no_nul(schema: dict[str, Any]) -> None:
    """Say in the OpenAPI document what `_no_nul` refuses: every free text of a request is a
    string without NUL (a string with a pattern of its own, an enum or a format says more)."""
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and not node.keys() & {"pattern", "enum", "const",
                                                                   "format"}:
                node["pattern"] = NO_NUL
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema.get("properties", {}))


class Request(BaseModel):
    """Request bodies refuse unknown fields, so a typo is a 422, not a silent no-op."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_document_no_nul)

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store NUL in text: refuse it here as a 422, not in the database.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


# --- errors -------------------------------------------------------------------------------


class FieldError(Wire):
    field: str
    message: str


class Problem(Wire):
    """RFC 9457 problem details; 422 adds `errors`, a 409 for stock adds `lines`."""

    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    code: str | None = None
    errors: list[FieldError] | None = None


# --- auth ---------------------------------------------------------------------------------


class Role(StrEnum):
    SELLER = "seller"
    MANAGER = "manager"
    ADMIN = "admin"


class LoginRequest(Request):
    username: Annotated[str, StringConstraints(min_length=1, max_length=150)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    device_name: Annotated[str, StringConstraints(max_length=200)] = "unnamed device"


class RefreshRequest(Request):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=512)]


class User(Wire):
    id: int
    username: str
    display_name: str
    role: Role
    store_id: str | None


class Device(Wire):
    """A signed-in device (one device session): whose, which store's, when last heard of, and
    whether it was revoked (its tokens no longer work)."""

    device_id: int
    username: str
    store_id: str | None
    name: str
    last_seen_at: UTCDateTime | None
    revoked: bool


class UnsentEntry(Request):
    """One write a device had not sent yet, as it last reported it: what kind, about which
    customer, which order, made when (no payload: the summary a manager needs)."""

    kind: Annotated[str, StringConstraints(max_length=40)]
    customer_id: Annotated[str, StringConstraints(max_length=64)] | None = None
    order_number: Annotated[str, StringConstraints(max_length=64)] | None = None
    created_at: UTCDateTime


class OutboxReport(Request):
    """What a device reports at each contact: its outbox, unsent entries in order."""

    entries: list[UnsentEntry] = Field(max_length=10_000)


class LostWork(Wire):
    """A device's last outbox report. Once the device is revoked its `entries` are "lost with
    the device": the server never got them. Empty while the device is not revoked."""

    device_id: int
    revoked: bool
    reported_at: UTCDateTime | None
    entries: list[UnsentEntry]


class ConsentEvent(Wire):
    """One change of a customer's consent: when, which channel, granted or withdrawn, how
    (`source`: store, web, enrolment…) and by whom (a staff username, None when imported)."""

    at: UTCDateTime
    channel: str | None
    granted: bool | None
    source: str | None
    by: str | None
    store_id: str | None = None


class ErasureAnswer(Wire):
    """An erasure asked through the API: carried out (`done`) or recorded and waiting for the
    customer's `open_orders` to close."""

    customer_id: str
    done: bool
    open_orders: list[str] = Field(default_factory=list)
    already: bool = False


class ErasureAsk(Request):
    reason: Annotated[str, StringConstraints(max_length=200)] | None = None


class GdprExport(Wire):
    """Everything held on a customer (the `gdpr export` document) and its readable page."""

    document: dict[str, Any]
    html: str


class AuditEntry(Wire):
    """One entry of the audit log: who (staff id and username, their store), when, what, and
    which customer."""

    id: int
    at: datetime
    action: str
    staff_id: int | None = None
    username: str | None = None
    store_id: str | None = None
    customer_id: str | None = None
    detail: dict[str, Any] | None = None


class AuditPage(Wire):
    items: list[AuditEntry]
    next_cursor: str | None = None


class UserCreate(Request):
    """A staff account created by an admin over HTTP (the CLI `server add-user` does the same)."""

    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=150)]
    password: Annotated[str, StringConstraints(min_length=8, max_length=1024)]
    role: Role
    store_id: Id | None = None
    display_name: Annotated[str, StringConstraints(strip_whitespace=True,
                                                   max_length=200)] | None = None


class Tokens(Wire):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: User
    # Unique per device session: the device puts it in the order numbers it makes.
    device_code: str | None = None
    # Days without a successful contact after which the device locks itself and wipes its
    # data at the next start (a server setting).
    device_lock_days: int | None = None


# --- stores, products, stock --------------------------------------------------------------


class Store(Wire):
    store_id: str
    name: str
    address: str
    postcode: str
    city: str
    country: str
    latitude: float | None = None
    longitude: float | None = None
    click_and_collect: bool


class Product(Wire):
    sku: str
    ean: str | None = None
    name: str
    brand: str
    category: str
    price: Money
    currency: str


class StockLevel(Wire):
    store_id: str
    sku: str
    on_hand: int
    reserved: int
    available: int
    updated_at: UTCDateTime


# --- customers ----------------------------------------------------------------------------


class Consent(Wire):
    granted: bool = False
    at: UTCDateTime | None = None
    source: str | None = None


class Consents(Wire):
    email: Consent = Consent()
    sms: Consent = Consent()


class Loyalty(Wire):
    card: str | None
    tier: str
    points: int


class CustomerStats(Wire):
    lifetime_value: Money = Decimal("0")
    orders_count: int = 0
    last_purchase_at: UTCDateTime | None = None
    channels: list[str] = []


class CustomerSummary(Wire):
    """A search result: enough to recognise the customer and open the profile."""

    customer_id: str
    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    card: str | None = None
    tier: str | None = None
    home_store_id: str | None = None


class CustomerPage(Wire):
    items: list[CustomerSummary]
    next_cursor: str | None = None


class Customer(Wire):
    customer_id: str
    first_name: str
    last_name: str
    email: str | None = None
    phone: str | None = None
    birth_date: date | None = None
    home_store_id: str | None = None
    loyalty: Loyalty
    consents: Consents
    assigned_seller_id: int | None = None
    version: int
    created_at: UTCDateTime
    updated_at: UTCDateTime
    stats: CustomerStats = CustomerStats()


Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=EMAIL_MAX_LENGTH,
                                         pattern=EMAIL_PATTERN)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]


class CustomerCreate(Request):
    """Enrolment. `customer_id` may be chosen by the device so an offline enrolment is safe
    to resend; the server issues the loyalty card number."""

    customer_id: Id | None = None
    first_name: Name
    last_name: Name
    email: Email | None = None
    phone: Phone | None = None
    birth_date: date | None = None
    home_store_id: Id | None = None
    consent_email: bool = False
    consent_sms: bool = False


class ConsentChange(Request):
    granted: bool
    source: Annotated[str, StringConstraints(min_length=1, max_length=40)] = "store"


class ConsentsPatch(Request):
    email: ConsentChange | None = None
    sms: ConsentChange | None = None


def _whole_number(value: Any) -> Any:
    """JSON's integers as JSON Schema has them: 7 and 7.0, never `true` or "7"."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Strict (no bool, no numeric string) once 7.0 is made 7; bounded to the databases' INTEGER.
Version = Annotated[int, Field(ge=1, le=INT32_MAX, strict=True), BeforeValidator(_whole_number)]


class CustomerPatch(Request):
    """Fields to change, with the `version` read: a stale version is a 409."""

    version: Version
    first_name: Name | None = None
    last_name: Name | None = None
    email: Email | None = None
    phone: Phone | None = None
    birth_date: date | None = None
    home_store_id: Id | None = None
    tier: Annotated[str, StringConstraints(min_length=1, max_length=20)] | None = None
    consents: ConsentsPatch | None = None
    assigned_seller_id: RowId | None = None


class NoteCreate(Request):
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    interaction_id: Id | None = None


class ConsentRecord(Request):
    """A consent change recorded as a fact at a time: no version needed, the latest one wins."""

    channel: Literal["email", "sms"]
    granted: bool
    source: Annotated[str, StringConstraints(min_length=1, max_length=40)] = "store"
    interaction_id: Id | None = None


class WishlistAdd(Request):
    sku: Sku


class WishlistItem(Wire):
    customer_id: str
    sku: str
    added_at: UTCDateTime
    product: Product | None = None


class Interaction(Wire):
    interaction_id: str
    customer_id: str
    occurred_at: UTCDateTime
    channel: str
    kind: str
    summary: str
    store_id: str | None = None
    author: str | None = None
    # What the entry says as a code with parameters (clienteling.domain.timeline), which the
    # app translates; None for free text (notes, imported history): show `summary`.
    code: str | None = None
    params: dict[str, Any] | None = None


# --- orders -------------------------------------------------------------------------------


class Address(Request):
    line1: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    line2: Annotated[str, StringConstraints(max_length=200)] | None = None
    postcode: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16)]
    city: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    country: CountryCode = "FR"


class ClickAndCollect(Request):
    type: Literal["click_and_collect"]
    store_id: Id


class HomeDelivery(Request):
    type: Literal["home_delivery"]
    address: Address
    # One of the server's delivery methods (GET /delivery-methods); another one is a 422.
    method: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,19}$")] = "standard"


class OrderLineIn(Request):
    sku: Sku
    quantity: Annotated[int, Field(ge=1, le=999)]


class Payment(Request):
    mode: PaymentMode
    # The till's receipt number of a paid_in_store order (only for that mode).
    receipt: Annotated[str, StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9 ./_\-]*$")] | None = None


class OrderCreate(Request):
    customer_id: Id
    fulfillment: Annotated[ClickAndCollect | HomeDelivery, Field(discriminator="type")]
    lines: Annotated[list[OrderLineIn], Field(min_length=1, max_length=100)]
    payment: Payment
    origin_store_id: Id
    # Made by the device so that an order placed offline has them at once; the server makes
    # them when absent. The number's STORE part is checked against origin_store_id.
    order_number: OrderNumber | None = None
    pickup_code: PickupSecret | None = None


class OrderFulfillment(Wire):
    type: FulfillmentType
    store_id: str | None = None
    address: dict[str, Any] | None = None
    method: str | None = None
    fee: Money | None = None


class OrderLine(Wire):
    sku: str
    quantity: int
    unit_price: Money
    source_store_id: str | None = None
    name: str | None = None


class Fee(Wire):
    amount: Money
    currency: str


class DeliveryMethod(Wire):
    """A home delivery method the server offers (server settings)."""

    method: str
    fee: Fee
    min_days: int
    max_days: int


class QuoteLine(Wire):
    sku: str
    quantity: int
    unit_price: Money
    # The store the line would come from (nearest with enough available, domain.sourcing).
    source_store_id: str
    name: str | None = None


class Quote(Wire):
    """What an order would cost and when it would be there; nothing is reserved."""

    lines: list[QuoteLine]
    fee: Fee
    total: Money
    currency: str
    # Click and collect: the date the order can be collected.
    ready_by: date | None = None
    # Home delivery: the latest expected date.
    delivery_by: date | None = None


class OrderPayment(Wire):
    mode: PaymentMode
    status: PaymentStatus
    # payment_link: the provider's page the app shows as a QR code.
    payment_url: str | None = None
    # paid_in_store: the till's receipt number.
    receipt: str | None = None


class PaymentWebhook(Request):
    """What the payment provider posts to /payments/webhook (signed, see the endpoint)."""

    order_number: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    status: Literal["paid", "failed"]
    reference: Annotated[str, StringConstraints(min_length=1, max_length=100)]


class PaymentWebhookAnswer(Wire):
    order_number: str
    payment: OrderPayment


class Order(Wire):
    order_number: str
    customer_id: str
    channel: Channel
    status: OrderStatus
    created_at: UTCDateTime
    updated_at: UTCDateTime | None = None
    fulfillment: OrderFulfillment
    lines: list[OrderLine]
    total: Money
    currency: str
    pickup_code: str | None = None
    payment_mode: PaymentMode | None = None
    origin_store_id: str | None = None
    # The delivery fee (zero for click and collect), included in `total`.
    fee: Fee | None = None
    ready_by: date | None = None
    delivery_by: date | None = None
    payment: OrderPayment | None = None


class StatusChange(Request):
    status: OrderStatus


class ShortLine(Wire):
    """A line a 409 `stock.short` names (`clienteling.api.client.short_lines`)."""

    sku: str
    requested: int
    available: int


# --- sync ---------------------------------------------------------------------------------

ENTITIES = ("store", "product", "stock", "customer", "order", "wishlist_item", "interaction",
            "task")
Entity = Literal["store", "product", "stock", "customer", "order", "wishlist_item", "interaction",
                 "task"]


class Change(Wire):
    entity: Entity
    op: Literal["upsert", "delete"]
    key: str
    data: dict[str, Any] | None = None


class ChangesPage(Wire):
    changes: list[Change]
    next_cursor: str
    has_more: bool


class Health(Wire):
    status: Literal["ok"]


# --- managers: the client book, assignments, tasks, exports, KPIs ---------------------------

Amount = Annotated[
    Decimal, PlainSerializer(lambda d: format(d.quantize(Decimal("0.01")), "f"), return_type=str)]


class ClientSort(StrEnum):
    NAME = "name"
    NAME_DESC = "-name"
    LIFETIME_VALUE = "lifetime_value"
    LIFETIME_VALUE_DESC = "-lifetime_value"
    LAST_PURCHASE_AT = "last_purchase_at"
    LAST_PURCHASE_AT_DESC = "-last_purchase_at"
    ORDERS_COUNT = "orders_count"
    ORDERS_COUNT_DESC = "-orders_count"
    CHANNELS = "channels"
    CHANNELS_DESC = "-channels"


class SegmentName(StrEnum):
    CHAMPIONS = "champions"
    LOYAL = "loyal"
    PROMISING = "promising"
    NEW = "new"
    AT_RISK = "at_risk"
    HIBERNATING = "hibernating"
    LOST = "lost"


class ConsentChannel(StrEnum):
    EMAIL = "email"
    SMS = "sms"


class ClientConsents(Wire):
    email: bool
    sms: bool


class Client(Wire):
    """A row of the client book."""

    customer_id: str
    first_name: str
    last_name: str
    tier: str
    lifetime_value: Amount
    orders_count: int
    last_purchase_at: UTCDateTime | None = None
    channels: list[str]
    consents: ClientConsents
    assigned_seller_id: int | None = None
    segment: SegmentName


class ClientPage(Wire):
    items: list[Client]
    next_cursor: str | None = None
    total: int


# A bound on a lifetime value: a JSON number or a decimal string ("99.90"); the document says
# exactly what is accepted, so every value it allows is one the server takes.
AMOUNT_FILTER_MAX = Decimal("999999999999.99")
AmountFilter = Annotated[
    Decimal, Field(ge=0, le=AMOUNT_FILTER_MAX),
    WithJsonSchema({"anyOf": [
        {"type": "number", "minimum": 0, "maximum": float(AMOUNT_FILTER_MAX)},
        {"type": "string", "pattern": r"^[0-9]{1,12}(\.[0-9]{1,2})?$"}]}),
]


class ClientFilters(Request):
    """The client book's filters (GET /clients' query, POST /exports' body)."""

    store_id: Annotated[str, StringConstraints(min_length=1, max_length=64,
                                               pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")]
    q: Annotated[str, StringConstraints(max_length=200)] = ""
    segment: SegmentName | None = None
    tier: Annotated[str, StringConstraints(min_length=1, max_length=20)] | None = None
    last_purchase_from: date | None = None
    last_purchase_to: date | None = None
    min_value: AmountFilter | None = None
    max_value: AmountFilter | None = None
    min_channels: Annotated[int, Field(ge=0, le=100)] | None = None
    consent: ConsentChannel | None = None
    assigned_seller_id: RowId | None = None
    sort: ClientSort = ClientSort.NAME


class ClientAssign(Request):
    customer_ids: Annotated[list[Id], Field(min_length=1, max_length=500)]
    seller_id: RowId


class ClientsAssigned(Wire):
    assigned: int


class TaskChannelName(StrEnum):
    CALL = "call"
    EMAIL = "email"
    SMS = "sms"
    VISIT = "visit"


class TaskState(StrEnum):
    OPEN = "open"
    DONE = "done"


class TaskCreate(Request):
    customer_id: Id
    assignee_id: RowId
    channel: TaskChannelName
    due_on: date
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=500)]
    task_id: Id | None = None  # chosen by a device so an offline task is safe to resend


class TaskUpdate(Request):
    status: Literal["done"] | None = None
    snoozed_until: date | None = None


class Task(Wire):
    task_id: str
    store_id: str
    customer_id: str
    assignee_id: int
    channel: TaskChannelName
    due_on: date
    reason: str
    status: TaskState
    snoozed_until: date | None = None
    created_at: UTCDateTime
    updated_at: UTCDateTime


class ExportRecord(Wire):
    export_id: int
    store_id: str
    staff_id: int
    at: UTCDateTime
    filters: dict[str, Any]
    rows: int


class ChannelFigures(Wire):
    web: Amount = Decimal("0")
    app: Amount = Decimal("0")
    store: Amount = Decimal("0")
    phone: Amount = Decimal("0")


class ConsentShare(Wire):
    email: float
    sms: float


class Kpis(Wire):
    store_id: str
    active_clients: int
    new_clients: int
    consent_share: ConsentShare
    revenue_by_channel: ChannelFigures
    average_value_by_channels: dict[str, Amount]
    pickups_waiting: int


class ExportRecordCreate(Request):
    """An export the device made from its replica (perhaps offline), recorded when it syncs."""

    filters: ClientFilters
    rows: Annotated[int, Field(ge=0, le=INT32_MAX)]
    at: UTCDateTime


class StaffMember(Wire):
    """Someone of a store's staff, as a manager assigns clients and tasks to them."""

    staff_id: int
    display_name: str
    role: Role
