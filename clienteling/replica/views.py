"""What the screens read: plain frozen dataclasses, server state with the device's unsent work
laid over it (`sync` says which: "synced", "waiting" to be sent, or "failed" and needing a
person)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from clienteling.domain.kpis import KpiFigures
from clienteling.domain.money import Money

SyncMark = Literal["synced", "waiting", "failed"]
SYNCED: SyncMark = "synced"
WAITING: SyncMark = "waiting"
FAILED: SyncMark = "failed"


@dataclass(frozen=True)
class Problem:
    """Why the server (or the network) refused an outbox entry.

    `code` is the stable error code (`stock.short`, `customer.version_conflict`, `validation`,
    `http.404`, …); `extra` holds what the server added: `lines` (list of {sku, requested,
    available}) for `stock.short`, `current` (the server's customer) for a version conflict,
    `errors` (list of {field, message}) for a validation error.
    """

    code: str
    detail: str | None = None
    status: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class StoreView:
    store_id: str
    name: str
    address: str
    postcode: str
    city: str
    country: str
    latitude: float | None
    longitude: float | None
    click_and_collect: bool


@dataclass(frozen=True)
class ProductView:
    sku: str
    ean: str | None
    name: str
    brand: str
    category: str
    price: Decimal
    currency: str


@dataclass(frozen=True)
class StockFigure:
    """One store's stock of one product. `known` is False for a store outside the device's
    stock scope whose figure was never fetched (then the numbers are None).

    `available` = on hand − reserved − `pending_out`, where `pending_out` is what this
    device's unsent orders will take from that store (an estimate until the server reserves
    it). `updated_at` is when the server's figure was last changed: the age of the figure.
    """

    store: StoreView
    is_this_store: bool
    distance_km: float | None
    known: bool
    on_hand: int | None
    reserved: int | None
    available: int | None
    pending_out: int
    updated_at: datetime | None


@dataclass(frozen=True)
class CustomerSummary:
    """A search result or a scan's customer."""

    customer_id: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    card: str | None
    tier: str | None
    home_store_id: str | None
    sync: SyncMark = "synced"


@dataclass(frozen=True)
class Consent:
    granted: bool
    at: datetime | None
    source: str | None
    sync: SyncMark = "synced"


@dataclass(frozen=True)
class CustomerProfile:
    """The customer as the server knows them with this device's unsent edits applied.

    `version` is the server's version (what an edit must carry). `pending_fields` names the
    fields whose shown value waits to be sent. A customer enrolled offline has `card` None
    (the server issues it) and `sync` "waiting".
    """

    customer_id: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    birth_date: date | None
    home_store_id: str | None
    card: str | None
    tier: str
    points: int
    consent_email: Consent
    consent_sms: Consent
    assigned_seller_id: int | None
    version: int
    created_at: datetime
    updated_at: datetime
    sync: SyncMark = "synced"
    pending_fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CustomerStats:
    """Computed from the orders the device holds, as the server computes them: every order
    but cancelled ones; unsent orders are not counted yet."""

    lifetime_value: Decimal
    currency: str | None
    orders_count: int
    last_purchase_at: datetime | None
    channels: tuple[str, ...]


@dataclass(frozen=True)
class OrderLineView:
    sku: str
    quantity: int
    unit_price: Decimal | None
    source_store_id: str | None
    name: str | None


@dataclass(frozen=True)
class PaymentView:
    """What the server says of an order's payment: `mode` paid_in_store, pay_at_pickup or
    payment_link; `status` pending or paid; the provider's page of a payment link; the till's
    receipt number of an order paid in store. An unsent order's is the device's: pending
    (paid for paid_in_store), nothing else known yet."""

    mode: str
    status: str
    payment_url: str | None = None
    receipt: str | None = None

    @property
    def paid(self) -> bool:
        return self.status == "paid"


@dataclass(frozen=True)
class OrderView:
    """An order. An unsent one has status "pending" (not reserved yet), `sync` "waiting" or
    "failed" (with its `problem`) and `outbox_id` for retry/discard; its `order_number` and
    `pickup_code` are the device's (final), or None when the server will make them. A status
    change waiting to be sent shows in `pending_status`. `delivery_fee` is the order's fee
    (zero for click and collect when the server says so), included in `total`."""

    order_number: str | None
    customer_id: str
    channel: str
    status: str
    created_at: datetime
    updated_at: datetime | None
    fulfillment_type: str
    fulfillment_store_id: str | None
    address: dict[str, Any] | None
    delivery_method: str | None
    delivery_fee: Decimal | None
    payment_mode: str | None
    origin_store_id: str | None
    pickup_code: str | None
    lines: tuple[OrderLineView, ...]
    total: Decimal
    currency: str
    sync: SyncMark = "synced"
    outbox_id: int | None = None
    problem: Problem | None = None
    pending_status: str | None = None
    # The server's payment (None: an order that predates payments and says nothing of it).
    payment: PaymentView | None = None
    # When a click and collect order can be collected / a delivery is expected at the latest.
    ready_by: date | None = None
    delivery_by: date | None = None

    @property
    def pickup_payload(self) -> str | None:
        """The pickup QR's text (`clienteling:pickup/<order>/<code>`), once the order has both."""
        if self.order_number and self.pickup_code:
            from clienteling.codes import pickup_payload

            return pickup_payload(self.order_number, self.pickup_code)
        return None


@dataclass(frozen=True)
class PickupCounter:
    """The store's click-and-collect counter: orders to prepare, ready and waiting for the
    customer, and collected today (unsent moves counted where they lead)."""

    to_prepare: tuple[OrderView, ...]
    ready: tuple[OrderView, ...]
    collected_today: tuple[OrderView, ...]


@dataclass(frozen=True)
class ShortLine:
    """A line of an order the server refused for want of stock: what was asked, what the best
    single store had then, and what the chain has now (`stock`: (store_id, available), this
    store first then nearest; `split`: (store_id, quantity) lines that together source it from
    the stores now, empty when they cannot)."""

    sku: str
    name: str | None
    requested: int
    available: int
    stock: tuple[tuple[str, int], ...] = ()
    split: tuple[tuple[str, int], ...] = ()

    @property
    def in_chain(self) -> int:
        return sum(quantity for _, quantity in self.stock)


@dataclass(frozen=True)
class Shortage:
    """An order made on this device that the server refused with `stock.short` when it was
    sent: a task for a seller (source elsewhere, deliver, fewer units, or cancel). `order`
    keeps its number and pickup code whatever is chosen. `live` says whether the stock figures
    are the server's of now (False: the replica's, as old as its last sync)."""

    order: OrderView
    lines: tuple[ShortLine, ...]
    customer_name: str
    customer_phone: str | None = None
    customer_email: str | None = None
    live: bool = False


@dataclass(frozen=True)
class WishlistEntry:
    customer_id: str
    sku: str
    added_at: datetime
    product: ProductView | None
    available_here: int | None  # in the device's store, net of unsent orders; None: unknown
    sync: SyncMark = "synced"


@dataclass(frozen=True)
class TimelineEntry:
    interaction_id: str
    customer_id: str
    occurred_at: datetime
    channel: str
    kind: str  # purchase, return, complaint, request, contact, note, consent, …
    summary: str  # free text (a note, imported history), or the server's English for `code`
    store_id: str | None
    author: str | None
    sync: SyncMark = "synced"
    # What the entry says (clienteling.domain.timeline), which the app translates; None: show
    # `summary` as it is.
    code: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OutboxEntry:
    """One unsent write. `state` is "waiting" (will be sent; `attempts` so far, next try at
    `next_attempt_at`) or "failed" (the server said no: see `problem`; only `retry` or
    `discard`, a person's decisions, move it). `blocked_by` is the id of an earlier failed or
    waiting entry this one depends on (a note for a customer whose enrolment failed)."""

    id: int
    kind: str  # a command's kind (clienteling.outbox.command)
    customer_id: str | None
    target: str | None
    payload: dict[str, Any]
    idempotency_key: str
    created_at: datetime
    state: Literal["waiting", "failed"]
    attempts: int
    next_attempt_at: datetime | None
    problem: Problem | None
    author: str | None
    blocked_by: int | None = None
    label: str = ""  # the label code of its kind, which the UI words


@dataclass(frozen=True)
class Customer360:
    """Everything a seller sees about one customer. `source` is "replica" normally and
    "server" when the customer was fetched online (and then cached in the replica)."""

    profile: CustomerProfile
    stats: CustomerStats
    orders: tuple[OrderView, ...]  # newest first, unsent ones on top
    wishlist: tuple[WishlistEntry, ...]  # newest first
    timeline: tuple[TimelineEntry, ...]  # newest first
    pending: tuple[OutboxEntry, ...]  # this customer's unsent writes, oldest first
    source: Literal["replica", "server"] = "replica"
    # Whether the signed-in staff may change this customer (domain.access.works_customer);
    # another store's customer is read only.
    writable: bool = True


@dataclass(frozen=True)
class CustomerTarget:
    customer: CustomerSummary


@dataclass(frozen=True)
class ProductTarget:
    product: ProductView


@dataclass(frozen=True)
class PickupTarget:
    order: OrderView


ScanTarget = CustomerTarget | ProductTarget | PickupTarget


@dataclass(frozen=True)
class CurrentUser:
    user_id: int | None
    username: str
    display_name: str
    role: str
    store_id: str | None
    store: StoreView | None
    server_url: str


@dataclass(frozen=True)
class ChangeSet:
    """What changed, for subscribers to refresh: `entities` maps an entity name (store,
    product, stock, customer, order, wishlist_item, interaction) to the keys that changed;
    `customers` is every customer id touched (their orders, wishlist, timeline included);
    `reset` means everything may have changed (a re-download); `outbox` that the queue
    changed; `status` that the sync status changed."""

    entities: dict[str, frozenset[str]] = field(default_factory=dict)
    customers: frozenset[str] = frozenset()
    reset: bool = False
    outbox: bool = False
    status: bool = False

    def touches(self, entity: str, key: str | None = None) -> bool:
        if self.reset:
            return True
        keys = self.entities.get(entity)
        return bool(keys) and (key is None or key in keys)  # type: ignore[operator]


@dataclass(frozen=True)
class TaskView:
    """A follow-up a manager gave a seller about a client, with this device's unsent done or
    snooze on top (`sync`), and the client's name as the replica knows it."""

    task_id: str
    store_id: str
    customer_id: str
    customer_name: str | None  # None: the client is not on this device
    assignee_id: int
    channel: str  # call | email | sms | visit
    due_on: date
    reason: str
    status: str  # open | done
    snoozed_until: date | None
    updated_at: datetime | None
    sync: SyncMark = "synced"
    outbox_id: int | None = None
    problem: Problem | None = None

    def hidden_on(self, today: date) -> bool:
        """Snoozed past `today`: out of "my tasks" until then."""
        return self.status == "open" and self.snoozed_until is not None and (
            self.snoozed_until > today)

    def due_by(self, today: date) -> bool:
        """Open, not snoozed, and due today or earlier (what the rail counts)."""
        return self.status == "open" and not self.hidden_on(today) and self.due_on <= today


@dataclass(frozen=True)
class TaskCounts:
    open: int  # open and shown (not snoozed past today)
    due: int  # of those, due today or earlier
    snoozed: int
    done: int


@dataclass(frozen=True)
class KpiReport:
    """A store's KPIs (`clienteling.domain.kpis.KpiFigures`), from the server (`source`
    "server", `as_of` the answer's time) or computed from the replica offline ("replica",
    `as_of` the last sync: the figures are as of then)."""

    store_id: str
    figures: KpiFigures
    source: Literal["server", "replica"]
    as_of: datetime | None
    offline_reason: str | None = None  # why the server was not asked or did not answer


# --- selling: the carts kept on the device, checkout quotes ---------------------------------


@dataclass(frozen=True)
class StockSource:
    """A store that could send a whole line: its availability (net of unsent orders) and its
    distance from the pickup store."""

    store_id: str
    store_name: str
    available: int
    distance_km: float | None


@dataclass(frozen=True)
class CartLine:
    """One line of a cart. `available` is at the pickup store, net of this device's unsent
    orders (None: unknown there); a `short` line lacks stock there and `sources` lists the
    stores that could send it whole, nearest first (empty: none has enough)."""

    sku: str
    product: ProductView | None
    quantity: int
    unit_price: Money | None
    line_total: Money | None
    available: int | None
    short: bool
    sources: tuple[StockSource, ...]


@dataclass(frozen=True)
class CartView:
    """A customer's open cart, its lines in the order they were added; `total` is None for an
    empty cart."""

    customer_id: str
    customer_name: str
    pickup_store_id: str | None
    lines: tuple[CartLine, ...]
    total: Money | None
    updated_at: datetime | None

    @property
    def short_lines(self) -> tuple[CartLine, ...]:
        return tuple(line for line in self.lines if line.short)

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)


@dataclass(frozen=True)
class CartSummary:
    """One of the carts kept on the device."""

    customer_id: str
    customer_name: str
    lines: int
    units: int
    updated_at: datetime


@dataclass(frozen=True)
class DeliveryMethodView:
    method: str  # standard, express, store_courier (the server's settings)
    fee: Money
    min_days: int
    max_days: int


@dataclass(frozen=True)
class PickupOption:
    """A store a click-and-collect order can be collected from: how many of the cart's lines
    it has on its shelf (net of unsent orders) and how far it is from this store."""

    store: StoreView
    is_this_store: bool
    distance_km: float | None
    lines_available: int
    lines: int


@dataclass(frozen=True)
class QuoteLineView:
    sku: str
    name: str | None
    quantity: int
    unit_price: Money
    source_store_id: str | None
    source_store_name: str | None


@dataclass(frozen=True)
class QuoteView:
    """What an order would cost and when it would be there. `estimated`: made on the device
    from the replica (offline), not by the server. `short` names the lines no single store
    can send ({sku, requested, available}); then nothing else is meaningful."""

    lines: tuple[QuoteLineView, ...]
    fee: Money | None
    total: Money | None
    ready_by: date | None
    delivery_by: date | None
    estimated: bool
    short: tuple[Mapping[str, Any], ...] = ()
