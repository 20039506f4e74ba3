"""The core's façade: the one object the screens use (reads from the replica, writes through
the outbox, sync in the background). Synchronous, no Qt; callbacks, not signals."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from clienteling.replica.views import (
    ChangeSet,
    CurrentUser,
    Customer360,
    CustomerSummary,
    OrderView,
    OutboxEntry,
    ProductView,
    ScanTarget,
    StockFigure,
    StoreView,
)
from clienteling.settings import Paths, Settings, TokenStore
from clienteling.sync.status import PullProgress, SyncStatus

__all__ = ["Facade"]


class Facade:
    """Everything a screen needs, for one settings + data directory.

    Thread-safety: every method may be called from any thread (the UI calls them from
    workers); reads never wait for the network except where a docstring says "online".
    Callbacks given to `subscribe` run on the thread that made the change (usually the sync
    thread): hand the work to the UI thread there.

    Errors are `clienteling.domain.errors.DomainError` with a stable `code` and `params`
    (the API client's `ApiError`, `TransportError` and `SignInRequired` are subclasses).
    """

    def __init__(self, data_dir: str | Path | None = None, *,
                 token_store: TokenStore | None = None) -> None:
        """Load the settings of `data_dir` (None: the user's config and data directories,
        or `CLIENTELING_DATA_DIR`) and, when someone is signed in, open their replica.
        The background sync does not start until `start_sync()`."""
        raise NotImplementedError

    # --- lifecycle and settings -------------------------------------------------------------

    @property
    def paths(self) -> Paths:
        """Where settings and replicas live."""
        raise NotImplementedError

    @property
    def settings(self) -> Settings:
        """A copy of the current settings."""
        raise NotImplementedError

    def update_settings(self, **changes: Any) -> Settings:
        """Change and save settings (`language`, `lock_delay_minutes`, …); returns them.
        Raises `settings.unknown` for a name that is not a setting."""
        raise NotImplementedError

    def close(self) -> None:
        """Stop the background sync and close the replica and HTTP sessions. Idempotent."""
        raise NotImplementedError

    def __enter__(self) -> Facade:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- who is signed in ------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        """True when settings name a server and user and their replica is open (the token may
        still be missing: `sync_status().state` is then "needs_sign_in")."""
        raise NotImplementedError

    @property
    def tokens_persistent(self) -> bool:
        """False when the system has no keyring: the sign-in is kept in memory only, for this
        process (show it: the next start will ask for the password again)."""
        raise NotImplementedError

    def sign_in(self, server_url: str, username: str, password: str) -> CurrentUser:
        """Online. Sign in, keep the tokens (keyring), save the server, user and store in the
        settings and open this user's replica (created on first use; its outbox is kept from
        any earlier session). Raises `auth.invalid_credentials` (or the server's code) on a 401,
        `network.*` when the server cannot be reached, `settings.server_url` for a bad URL."""
        raise NotImplementedError

    def sign_out(self) -> None:
        """Revoke the tokens (best effort), forget them, stop the sync and close the replica.
        The replica file and its unsent outbox stay: signing in again resumes them."""
        raise NotImplementedError

    def current_user(self) -> CurrentUser | None:
        """The signed-in staff member and their store, or None."""
        raise NotImplementedError

    def current_store(self) -> StoreView | None:
        """The device's store (the signed-in user's), once the replica holds it."""
        raise NotImplementedError

    # --- lookups ---------------------------------------------------------------------------

    def resolve_scan(self, text: str) -> ScanTarget:
        """Route scanned or typed text: a card or customer QR → `CustomerTarget`, a product
        code → `ProductTarget`, a pickup QR → `PickupTarget`. Looks in the replica first and,
        online, asks the server (and caches what it answers).

        Raises `code.empty`, `code.unknown`, `card.check_digit`, `card.format`,
        `pickup.format`, `ean.check_digit`, `customer.not_found`, `product.not_found`,
        `pickup.not_found` (each with `offline=True` when the server could not be asked).
        """
        raise NotImplementedError

    def search_customers(self, text: str, limit: int = 50) -> list[CustomerSummary]:
        """Customers matching `text` by name, email, phone (any format) or card, accent-,
        case- and format-insensitive, each word a prefix; customers enrolled offline
        included. An empty text gives an empty list."""
        raise NotImplementedError

    def customer_360(self, customer_id: str) -> Customer360:
        """Profile, stats, orders, wishlist (with availability here), timeline and unsent
        writes of a customer. From the replica; when the customer is not in it and the server
        is reachable, fetched online and cached. Raises `customer.not_found` (with
        `offline=True` when the server could not be asked)."""
        raise NotImplementedError

    def search_products(self, text: str, limit: int = 50) -> list[ProductView]:
        """Products matching `text` by name, brand, category, SKU or EAN (prefix words)."""
        raise NotImplementedError

    def product(self, sku_or_code: str) -> ProductView:
        """One product by SKU or EAN (replica, then the server online). Raises
        `product.not_found`, or `ean.check_digit` for a mistyped EAN."""
        raise NotImplementedError

    def stock_for(self, sku: str, *, refresh: bool = False) -> list[StockFigure]:
        """The product's stock in every store: this store first, then nearest first (stores
        without coordinates last). Figures come from the replica (this store and its nearest
        ones); `refresh=True` asks the server online for every store's figure first and keeps
        the answer. Raises `product.not_found`."""
        raise NotImplementedError

    def stores(self) -> list[StoreView]:
        """Every store of the chain, this store first then nearest first."""
        raise NotImplementedError

    def order(self, order_number: str) -> OrderView:
        """One order (replica, then the server online). Raises `order.not_found`."""
        raise NotImplementedError

    def pickup_queue(self, statuses: Sequence[str] = ("confirmed", "ready_for_pickup",
                                                      "collected"),
                     limit: int = 500) -> list[OrderView]:
        """The store's click-and-collect orders in `statuses` (to prepare, ready, collected),
        oldest first within each status, unsent status changes shown in `pending_status`."""
        raise NotImplementedError

    # --- writes (through the outbox) ---------------------------------------------------------
    # Each write is validated, then stored in ONE local transaction as an outbox entry with its
    # Idempotency-Key; it shows at once in reads (sync "waiting") and is sent in order by the
    # sync. Each returns the entry. Raises `DomainError` for bad input (codes below), never
    # for the network.

    def add_note(self, customer_id: str, text: str) -> OutboxEntry:
        """A seller's note on the customer's timeline. Raises `note.invalid`,
        `customer.not_found`."""
        raise NotImplementedError

    def record_consent(self, customer_id: str, channel: str, granted: bool,
                       source: str = "store") -> OutboxEntry:
        """A consent change (channel "email" or "sms") as a fact at this time; the latest one
        wins on the server. Raises `consent.invalid`, `customer.not_found`."""
        raise NotImplementedError

    def edit_customer(self, customer_id: str, version: int,
                      changes: Mapping[str, Any]) -> OutboxEntry:
        """Change profile fields (first_name, last_name, email, phone, birth_date,
        home_store_id, tier, assigned_seller_id) based on `version` (the profile's `version`
        as shown). A conflict with someone else's edit comes back as a failed entry with
        problem `customer.version_conflict` and `extra["current"]`. Raises
        `customer.invalid` (with `errors`), `customer.not_found`."""
        raise NotImplementedError

    def add_to_wishlist(self, customer_id: str, sku: str) -> OutboxEntry:
        """Raises `product.not_found`, `customer.not_found`, `wishlist.already`."""
        raise NotImplementedError

    def remove_from_wishlist(self, customer_id: str, sku: str) -> OutboxEntry:
        """Raises `wishlist.not_found`, `customer.not_found`."""
        raise NotImplementedError

    def enrol_customer(self, *, first_name: str, last_name: str, email: str | None = None,
                       phone: str | None = None, birth_date: Any = None,
                       home_store_id: str | None = None, consent_email: bool = False,
                       consent_sms: bool = False) -> OutboxEntry:
        """Enrol a new customer (home store: this store unless given). The device makes the
        `customer_id` (the entry's `customer_id`), so notes and orders can follow at once,
        offline; the server issues the card when the entry is sent. Raises
        `customer.invalid` (with `errors`)."""
        raise NotImplementedError

    def place_order(self, *, customer_id: str, lines: Sequence[tuple[str, int]],
                    fulfillment: str, payment_mode: str, store_id: str | None = None,
                    address: Mapping[str, Any] | None = None,
                    delivery_method: str = "standard") -> OutboxEntry:
        """An order for the customer: `lines` are (sku, quantity); `fulfillment`
        "click_and_collect" (with `store_id`, default this store) or "home_delivery" (with
        `address` {line1, line2, postcode, city, country} and `delivery_method` standard,
        express or store_courier); `payment_mode` paid_in_store, pay_at_pickup or
        payment_link. Stock is reserved by the server when the entry is sent; a shortage then
        is a failed entry with problem `stock.short` and `extra["lines"]`. Raises
        `order.invalid` (with `errors`), `product.not_found`, `customer.not_found`."""
        raise NotImplementedError

    def set_order_status(self, order_number: str, status: str) -> OutboxEntry:
        """Move an order along its allowed transitions (ready_for_pickup, collected, shipped,
        delivered, cancelled). Raises `order.not_found`, `order.transition` (with
        `current`, `target`)."""
        raise NotImplementedError

    # --- sync ------------------------------------------------------------------------------

    def sync_status(self) -> SyncStatus:
        """The header's state: online / offline / syncing / error / needs_sign_in, with the
        reason, last sync time and outbox counts. Cheap; thread-safe."""
        raise NotImplementedError

    def outbox_entries(self) -> list[OutboxEntry]:
        """Every unsent write, oldest first, failed ones with their problem."""
        raise NotImplementedError

    def retry(self, entry_id: int) -> OutboxEntry:
        """A person's decision: send a failed entry again (same Idempotency-Key). Raises
        `outbox.not_found`."""
        raise NotImplementedError

    def discard(self, entry_id: int) -> None:
        """A person's decision: drop an unsent entry for good. Raises `outbox.not_found`."""
        raise NotImplementedError

    def sync_now(self, progress: Callable[[PullProgress], None] | None = None) -> SyncStatus:
        """Online. Push then pull now, in this thread (waits for a cycle the background sync
        may be running). Returns the status after it; network trouble is reported in the
        status, not raised."""
        raise NotImplementedError

    def subscribe(self, callback: Callable[[ChangeSet], None]) -> Callable[[], None]:
        """Call `callback(ChangeSet)` after every change of the replica, the outbox or the
        sync status. Returns a function that unsubscribes. A callback that raises is logged
        and does not stop the others."""
        raise NotImplementedError

    def start_sync(self) -> None:
        """Start the background sync thread (health checks, push then pull, on a timer and
        after each write). Idempotent."""
        raise NotImplementedError

    def stop_sync(self, timeout: float = 10.0) -> None:
        """Stop the background sync thread, waiting at most `timeout` seconds. Idempotent."""
        raise NotImplementedError
