"""The core's façade: the one object the screens use (reads from the replica, writes through
the outbox, sync in the background). Synchronous, no Qt; callbacks, not signals."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from clienteling.api import models as w
from clienteling.api.client import ApiClient, ApiError, SignInRequired, TransportError
from clienteling.codes import CardCode, PickupCode, ProductCode, parse_scan
from clienteling.domain.access import works_customer
from clienteling.domain.cards import looks_like_card, normalize_card
from clienteling.domain.errors import DomainError
from clienteling.outbox import overlay, queue
from clienteling.outbox.command import Write
from clienteling.outbox.kinds import (
    consent_record,
    customer_edit,
    customer_enrol,
    note_add,
    order_create,
    order_status,
    wishlist_add,
    wishlist_remove,
)
from clienteling.replica import reads
from clienteling.replica.apply import Applied, BadChange, clear_server_state, write_entity
from clienteling.replica.database import Replica
from clienteling.replica.views import (
    ChangeSet,
    CurrentUser,
    Customer360,
    CustomerSummary,
    CustomerTarget,
    OrderView,
    OutboxEntry,
    PickupTarget,
    ProductTarget,
    ProductView,
    ScanTarget,
    StockFigure,
    StoreView,
)
from clienteling.settings import (
    TOKEN_STORES,
    Paths,
    Settings,
    TokenPair,
    TokenStore,
    normalize_server_url,
)
from clienteling.sync.child import ChildSync, child_command
from clienteling.sync.engine import EngineState, EngineTuning, SyncEngine, change_set
from clienteling.sync.push import Backoff
from clienteling.sync.status import PullProgress, SyncStatus

__all__ = ["Facade"]

log = logging.getLogger(__name__)

STORE_META = "store_id"
NETWORK_ERRORS = (TransportError, SignInRequired)


class _Session:
    """What exists while someone is signed in: their replica, client and sync engine."""

    def __init__(self, replica: Replica, client: ApiClient,
                 engine: SyncEngine | ChildSync) -> None:
        self.replica = replica
        self.client = client
        self.engine = engine

    def close(self) -> None:
        self.engine.stop()
        self.client.close()
        self.replica.close()


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
        self._paths = Paths.for_user(data_dir)
        self._settings = Settings.load(self._paths)
        self._tokens = token_store if token_store is not None else TokenStore.for_device(
            self._paths, self._settings.token_store)
        self._lock = threading.RLock()
        self._subscribers: list[Callable[[ChangeSet], None]] = []
        self._subscribers_lock = threading.Lock()
        self._session: _Session | None = None
        self._sync_in_child = False
        if self._settings.signed_in:
            self._session = self._open_session()

    # --- lifecycle and settings -------------------------------------------------------------

    @property
    def paths(self) -> Paths:
        """Where settings and replicas live."""
        return self._paths

    @property
    def settings(self) -> Settings:
        """A copy of the current settings."""
        with self._lock:
            return dataclasses.replace(self._settings)

    def update_settings(self, **changes: Any) -> Settings:
        """Change and save settings (`language`, `lock_delay_minutes`, …); returns them.
        Raises `settings.unknown` for a name that is not a setting, `settings.invalid` for a
        value of the wrong type."""
        names = {f.name for f in dataclasses.fields(Settings)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise DomainError("settings.unknown", "no such setting", names=unknown)
        with self._lock:
            updated = Settings.from_dict({**dataclasses.asdict(self._settings), **changes})
            updated.save(self._paths)
            self._settings = updated
            return dataclasses.replace(updated)

    def close(self) -> None:
        """Stop the background sync and close the replica and HTTP sessions. Idempotent."""
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()

    def __enter__(self) -> Facade:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _tuning(self) -> EngineTuning:
        s = self._settings
        return EngineTuning(
            pull_interval=s.pull_interval_seconds, health_interval=s.health_interval_seconds,
            page_size=s.page_size,
            backoff=Backoff(base=s.backoff_base_seconds, cap=s.backoff_cap_seconds),
            probe_backoff=Backoff(base=s.backoff_base_seconds,
                                  cap=min(s.backoff_cap_seconds, 30.0)))

    def _client(self, server_url: str, tokens: TokenPair | None = None,
                username: str | None = None) -> ApiClient:
        s = self._settings
        store = self._tokens

        def keep(pair: TokenPair | None) -> None:
            if username is None:
                return
            if pair is None:
                store.delete(server_url, username)
            else:
                store.save(server_url, username, pair)

        def reload() -> TokenPair | None:
            return store.load(server_url, username, fresh=True) if username else None

        return ApiClient(server_url, tokens=tokens, on_tokens=keep, reload_tokens=reload,
                         connect_timeout=s.connect_timeout_seconds,
                         read_timeout=s.read_timeout_seconds, verify=s.ca_bundle or True)

    def _open_session(self) -> _Session:
        s = self._settings
        assert s.server_url and s.username
        replica = Replica.open(self._paths.replica_file(s.server_url, s.username))
        try:
            with replica.write() as conn:
                held = Replica.get_meta(conn, STORE_META)
                if held is not None and held != (s.store_id or ""):
                    # The user now works in another store: another scope, another feed.
                    clear_server_state(conn)
                Replica.set_meta(conn, STORE_META, s.store_id or "")
            tokens = self._tokens.load(s.server_url, s.username)
            client = self._client(s.server_url, tokens, s.username)
            engine = SyncEngine(replica, client, tuning=self._tuning(), notify=self._publish,
                                tokens_persistent=self._tokens.persistent)
        except BaseException:
            replica.close()
            raise
        return _Session(replica, client, engine)

    def _need(self) -> _Session:
        session = self._session
        if session is None:
            raise DomainError("auth.not_signed_in", "sign in first")
        return session

    # --- who is signed in ------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        """True when settings name a server and user and their replica is open (the token may
        still be missing: `sync_status().state` is then "needs_sign_in")."""
        return self._session is not None

    @property
    def tokens_persistent(self) -> bool:
        """False when the system has no keyring: the sign-in is kept in memory only, for this
        process (show it: the next start will ask for the password again)."""
        return self._tokens.persistent

    @property
    def keyring_available(self) -> bool:
        """False on a system without an OS keyring: offer `choose_token_store("file")`."""
        return self._tokens.keyring_available

    def choose_token_store(self, choice: str) -> None:
        """Keep sign-in tokens in "keyring" (the OS keyring) or "file" (encrypted for this
        device and user), from the next sign-in on; saved in the settings."""
        if choice not in TOKEN_STORES:
            raise DomainError("settings.invalid", "the token store is keyring or file",
                              name="token_store")
        with self._lock:
            if choice == "file":
                self._tokens.use_file(self._paths)
            self._settings = dataclasses.replace(self._settings, token_store=choice)
            self._settings.save(self._paths)

    def sign_in(self, server_url: str, username: str, password: str) -> CurrentUser:
        """Online. Sign in, keep the tokens (keyring), save the server, user and store in the
        settings and open this user's replica (created on first use; its outbox is kept from
        any earlier session). Raises `auth.bad_credentials` (or the server's code) on a 401,
        `network.*` when the server cannot be reached, `settings.server_url` for a bad URL."""
        url = normalize_server_url(server_url)
        username = username.strip()
        if not username or not password:
            raise DomainError("auth.missing", "give a username and a password")
        probe = self._client(url)
        try:
            tokens = probe.login(username, password, self._settings.device_name)
        finally:
            probe.close()
        user = tokens.user
        with self._lock:
            old, self._session = self._session, None
        running = old.engine.running if old is not None else False
        if old is not None:
            old.close()  # stops its sync: not while holding the lock others read through
        with self._lock:
            self._tokens.save(url, username, TokenPair(tokens.access_token, tokens.refresh_token))
            self._settings = dataclasses.replace(
                self._settings, server_url=url, username=username, user_id=user.id,
                display_name=user.display_name, role=user.role.value, store_id=user.store_id,
                device_code=tokens.device_code)
            self._settings.save(self._paths)
            self._session = self._open_session()
            self._session.engine.signed_in_again()
        if running:
            self.start_sync(in_child=self._sync_in_child)
        self._publish(ChangeSet(reset=True, outbox=True, status=True))
        current = self.current_user()
        assert current is not None
        return current

    def sign_out(self) -> None:
        """Revoke the tokens (best effort), forget them, stop the sync and close the replica.
        The replica file and its unsent outbox stay: signing in again resumes them."""
        with self._lock:
            session, self._session = self._session, None
            s = self._settings
            self._settings = dataclasses.replace(
                s, username=None, user_id=None, display_name=None, role=None, store_id=None)
            self._settings.save(self._paths)
        # The network and the sync's end outside the lock: the UI reads settings through it.
        if session is not None:
            session.engine.stop()
            session.client.logout()
            session.close()
        if s.server_url and s.username:
            self._tokens.delete(s.server_url, s.username)
        self._publish(ChangeSet(reset=True, outbox=True, status=True))

    def current_user(self) -> CurrentUser | None:
        """The signed-in staff member and their store, or None."""
        s = self._settings
        session = self._session
        if session is None or not s.username or not s.server_url:
            return None
        with session.replica.read() as conn:
            store = reads.store(conn, s.store_id)
        return CurrentUser(user_id=s.user_id, username=s.username,
                           display_name=s.display_name or s.username, role=s.role or "seller",
                           store_id=s.store_id, store=store, server_url=s.server_url)

    def current_store(self) -> StoreView | None:
        """The device's store (the signed-in user's), once the replica holds it."""
        session = self._session
        if session is None:
            return None
        with session.replica.read() as conn:
            return reads.store(conn, self._settings.store_id)

    # --- lookups ---------------------------------------------------------------------------

    def _online(self, session: _Session, call: Callable[[], Any], not_found: str,
                **params: Any) -> Any:
        """Ask the server; a 404 is `not_found`, no network is `not_found` with offline."""
        try:
            return call()
        except ApiError as error:
            if error.status == 404:
                raise DomainError(not_found, "not found", **params) from None
            if error.status == 422:
                raise
            raise DomainError(not_found, "the server could not answer", offline=True,
                              reason=error.code, **params) from None
        except NETWORK_ERRORS as error:
            raise DomainError(not_found, "not in this device and the server cannot be asked",
                              offline=True, reason=error.code, **params) from None

    def _cache(self, session: _Session, entity: str, data: Mapping[str, Any]) -> None:
        try:
            with session.replica.write() as conn:
                applied = write_entity(conn, entity, data, in_scope=False)
        except BadChange:
            log.warning("the server's %s could not be cached", entity)
            return
        self._publish(change_set(applied))

    def resolve_scan(self, text: str) -> ScanTarget:
        """Route scanned or typed text: a card or customer QR → `CustomerTarget`, a product
        code → `ProductTarget`, a pickup QR → `PickupTarget`. Looks in the replica first and,
        online, asks the server (and caches what it answers).

        Raises `code.empty`, `code.unknown`, `card.check_digit`, `card.format`,
        `pickup.format`, `ean.check_digit`, `customer.not_found`, `product.not_found`,
        `pickup.not_found` (each with `offline=True` when the server could not be asked).
        """
        session = self._need()
        code = parse_scan(text)
        if isinstance(code, CardCode):
            return CustomerTarget(self._customer_by_card(session, code.card))
        if isinstance(code, ProductCode):
            return ProductTarget(self._product(session, code))
        assert isinstance(code, PickupCode)
        return PickupTarget(self._pickup(session, code))

    def _customer_by_card(self, session: _Session, card: str) -> CustomerSummary:
        with session.replica.read() as conn:
            row = reads.customer_by_card(conn, card)
            if row is not None:
                return overlay.summary_with_edits(conn, reads.summary_view(row))
        customer = self._online(session, lambda: session.client.lookup_customer(card),
                                "customer.not_found", card=card)
        self._fetch_customer(session, customer.customer_id, customer)
        return CustomerSummary(customer_id=customer.customer_id,
                               first_name=customer.first_name, last_name=customer.last_name,
                               email=customer.email, phone=customer.phone,
                               card=customer.loyalty.card, tier=customer.loyalty.tier,
                               home_store_id=customer.home_store_id)

    def _product(self, session: _Session, code: ProductCode) -> ProductView:
        with session.replica.read() as conn:
            found = (reads.product(conn, ean=code.ean) if code.ean
                     else reads.product(conn, sku=code.sku))
            if found is None and code.sku:
                found = reads.product(conn, ean=code.sku)
        if found is not None:
            return found
        product = self._online(session, lambda: session.client.lookup_product(code.code),
                               "product.not_found", code=code.code)
        self._cache(session, "product", product.model_dump(mode="json"))
        return reads.product_view({**product.model_dump(mode="json")})

    def _pickup(self, session: _Session, code: PickupCode) -> OrderView:
        with session.replica.read() as conn:
            found = overlay.order(conn, code.order_number)
        if found is not None:
            if found.pickup_code != code.pickup_code:
                raise DomainError("pickup.not_found", "this pickup code does not match the order",
                                  order_number=code.order_number)
            return found
        order = self._online(session, lambda: session.client.pickup(code.payload),
                             "pickup.not_found", order_number=code.order_number)
        self._cache(session, "order", order.model_dump(mode="json"))
        with session.replica.read() as conn:
            cached = overlay.order(conn, order.order_number)
        if cached is None:
            raise DomainError("pickup.not_found", "not found", order_number=code.order_number)
        return cached

    def search_customers(self, text: str, limit: int = 50) -> list[CustomerSummary]:
        """Customers matching `text` by name, email, phone (any format) or card, accent-,
        case- and format-insensitive, each word a prefix; customers enrolled offline
        included. An empty text gives an empty list."""
        session = self._need()
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
        session = self._need()
        store_id = self._settings.store_id
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

    def _with_access(self, found: Customer360) -> Customer360:
        writable = works_customer(self._settings.role, self._settings.store_id,
                                  found.profile.home_store_id)
        return found if writable == found.writable else dataclasses.replace(
            found, writable=writable)

    def _fetch_customer(self, session: _Session, customer_id: str,
                        customer: w.Customer | None = None) -> None:
        """Online: a customer outside the device's scope with their orders, wishlist and
        timeline, cached in the replica."""
        client = session.client

        def fetch() -> tuple[Any, ...]:
            return (customer or client.customer(customer_id),
                    client.customer_orders(customer_id), client.customer_wishlist(customer_id),
                    client.customer_timeline(customer_id))

        profile, orders, wishlist, timeline = self._online(
            session, fetch, "customer.not_found", customer_id=customer_id)
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
        self._publish(change_set(applied))

    def search_products(self, text: str, limit: int = 50) -> list[ProductView]:
        """Products matching `text` by name, brand, category, SKU or EAN (prefix words)."""
        session = self._need()
        limit = max(1, min(int(limit), 500))
        with session.replica.read() as conn:
            return reads.search_products(conn, text, limit)

    def product(self, sku_or_code: str) -> ProductView:
        """One product by SKU or EAN (replica, then the server online). Raises
        `product.not_found`, or `ean.check_digit` for a mistyped EAN."""
        session = self._need()
        code = parse_scan(sku_or_code)
        if not isinstance(code, ProductCode):
            raise DomainError("product.not_found", "this is not a product code",
                              code=sku_or_code[:80])
        return self._product(session, code)

    def stock_for(self, sku: str, *, refresh: bool = False) -> list[StockFigure]:
        """The product's stock in every store: this store first, then nearest first (stores
        without coordinates last). Figures come from the replica (this store and its nearest
        ones); `refresh=True` asks the server online for every store's figure first and keeps
        the answer. Raises `product.not_found`."""
        session = self._need()
        with session.replica.read() as conn:
            if reads.product(conn, sku=sku) is None:
                raise DomainError("product.not_found", "no product has this SKU", sku=sku)
        if refresh:
            try:
                levels = session.client.stock([sku])
            except (ApiError, *NETWORK_ERRORS) as error:
                log.info("stock refresh failed: %s", error.code)
            else:
                applied = Applied()
                with session.replica.write() as conn:
                    for level in levels:
                        applied.merge(write_entity(conn, "stock", level.model_dump(mode="json")))
                self._publish(change_set(applied))
        with session.replica.read() as conn:
            return overlay.stock_for(conn, sku, self._settings.store_id)

    def stores(self) -> list[StoreView]:
        """Every store of the chain, this store first then nearest first."""
        session = self._need()
        with session.replica.read() as conn:
            return [s for s, _ in reads.stores_by_distance(conn, self._settings.store_id)]

    def order(self, order_number: str) -> OrderView:
        """One order (replica, then the server online). Raises `order.not_found`."""
        session = self._need()
        with session.replica.read() as conn:
            found = overlay.order(conn, order_number)
        if found is not None:
            return found
        order = self._online(session, lambda: session.client.order(order_number),
                             "order.not_found", order_number=order_number)
        self._cache(session, "order", order.model_dump(mode="json"))
        with session.replica.read() as conn:
            cached = overlay.order(conn, order.order_number)
        if cached is None:
            raise DomainError("order.not_found", "not found", order_number=order_number)
        return cached

    def pickup_queue(self, statuses: Sequence[str] = ("confirmed", "ready_for_pickup",
                                                      "collected"),
                     limit: int = 500) -> list[OrderView]:
        """The store's click-and-collect orders in `statuses` (to prepare, ready, collected),
        oldest first within each status, unsent status changes shown in `pending_status`."""
        session = self._need()
        with session.replica.read() as conn:
            return overlay.pickup_queue(conn, self._settings.store_id, list(statuses),
                                        max(1, min(int(limit), 5000)))

    # --- writes (through the outbox) ---------------------------------------------------------
    # Each write is validated, then stored in ONE local transaction as an outbox entry with its
    # Idempotency-Key; it shows at once in reads (sync "waiting") and is sent in order by the
    # sync. Each returns the entry. Raises `DomainError` for bad input (codes below), never
    # for the network.

    def submit(self, write: Write) -> OutboxEntry:
        """Queue any write a command module made (`clienteling.outbox.kinds`): checked and
        stored with its optimistic effect in one local transaction, then sent by the sync."""
        session = self._need()
        with session.replica.write() as conn:
            row = queue.queue(conn, write, author=self._settings.username)
        self._publish(ChangeSet(customers=frozenset({row.customer_id} if row.customer_id
                                                    else ()), outbox=True, status=True))
        session.engine.kick()
        return queue.as_view(row)

    def add_note(self, customer_id: str, text: str) -> OutboxEntry:
        """A seller's note on the customer's timeline. Raises `note.invalid`,
        `customer.not_found`."""
        self._need()
        return self.submit(note_add.write(customer_id, text))

    def record_consent(self, customer_id: str, channel: str, granted: bool,
                       source: str = "store") -> OutboxEntry:
        """A consent change (channel "email" or "sms") as a fact at this time; the latest one
        wins on the server. Raises `consent.invalid`, `customer.not_found`."""
        self._need()
        return self.submit(consent_record.write(customer_id, channel, granted, source))

    def edit_customer(self, customer_id: str, version: int,
                      changes: Mapping[str, Any]) -> OutboxEntry:
        """Change profile fields (first_name, last_name, email, phone, birth_date,
        home_store_id, tier, assigned_seller_id) based on `version` (the profile's `version`
        as shown). A conflict with someone else's edit comes back as a failed entry with
        problem `customer.version_conflict` and `extra["current"]`. Raises
        `customer.invalid` (with `errors`), `customer.not_found`."""
        self._need()
        return self.submit(customer_edit.write(customer_id, version, changes))

    def add_to_wishlist(self, customer_id: str, sku: str) -> OutboxEntry:
        """Raises `product.not_found`, `customer.not_found`, `wishlist.already`."""
        self._need()
        return self.submit(wishlist_add.write(customer_id, sku))

    def remove_from_wishlist(self, customer_id: str, sku: str) -> OutboxEntry:
        """Raises `wishlist.not_found`, `customer.not_found`."""
        self._need()
        return self.submit(wishlist_remove.write(customer_id, sku))

    def enrol_customer(self, *, first_name: str, last_name: str, email: str | None = None,
                       phone: str | None = None, birth_date: Any = None,
                       home_store_id: str | None = None, consent_email: bool = False,
                       consent_sms: bool = False) -> OutboxEntry:
        """Enrol a new customer (home store: this store unless given). The device makes the
        `customer_id` (the entry's `customer_id`), so notes and orders can follow at once,
        offline; the server issues the card when the entry is sent. Raises
        `customer.invalid` (with `errors`)."""
        self._need()
        return self.submit(customer_enrol.write(
            first_name=first_name, last_name=last_name, email=email, phone=phone,
            birth_date=birth_date, home_store_id=home_store_id or self._settings.store_id,
            consent_email=consent_email, consent_sms=consent_sms))

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
        self._need()
        return self.submit(order_create.write(
            customer_id=customer_id, lines=lines, fulfillment=fulfillment,
            payment_mode=payment_mode, origin=self._settings.store_id, store_id=store_id,
            address=address, delivery_method=delivery_method,
            device_code=self._settings.device_code, today=date.today()))

    def set_order_status(self, order_number: str, status: str) -> OutboxEntry:
        """Move an order along its allowed transitions (ready_for_pickup, collected, shipped,
        delivered, cancelled). Cancelling an order made here that never left the device takes
        it out of the queue (nothing reaches the server; the returned entry is the order's,
        now gone). Raises `order.not_found`, `order.transition` (with `current`, `target`)."""
        session = self._need()
        if status == "cancelled":
            with session.replica.write() as conn:
                dropped = order_create.cancel_unsent(conn, order_number)
            if dropped is not None:
                log.info("unsent order %s cancelled on the device", order_number)
                self._publish(ChangeSet(customers=frozenset(
                    {dropped.customer_id} if dropped.customer_id else ()), outbox=True,
                    status=True))
                return queue.as_view(dropped)
        return self.submit(order_status.write(order_number, status))

    # --- sync ------------------------------------------------------------------------------

    def sync_status(self) -> SyncStatus:
        """The header's state: online / offline / syncing / error / needs_sign_in, with the
        reason, last sync time and outbox counts. Cheap; thread-safe."""
        session = self._session
        if session is None:
            return SyncStatus(state="needs_sign_in", reason="auth.not_signed_in", detail=None,
                              last_sync_at=None, waiting=0, failed=0, partial=True,
                              progress=None, tokens_persistent=self._tokens.persistent)
        return session.engine.status()

    def replica_info(self) -> dict[str, Any]:
        """What the replica holds: {"counts": {entity: rows}, "cursor", "path"}."""
        session = self._need()
        with session.replica.read() as conn:
            return {"counts": reads.counts(conn),
                    "cursor": Replica.get_meta(conn, "cursor"),
                    "path": str(session.replica.path)}

    def outbox_entries(self) -> list[OutboxEntry]:
        """Every unsent write, oldest first, failed ones with their problem."""
        session = self._need()
        with session.replica.read() as conn:
            return queue.views(queue.rows(conn))

    def retry(self, entry_id: int) -> OutboxEntry:
        """A person's decision: send a failed entry again (same Idempotency-Key). Raises
        `outbox.not_found`."""
        session = self._need()
        with session.replica.write() as conn:
            row = queue.retry(conn, entry_id)
        self._publish(ChangeSet(customers=frozenset({row.customer_id} if row.customer_id
                                                    else ()), outbox=True, status=True))
        session.engine.kick()
        return queue.as_view(row)

    def discard(self, entry_id: int) -> None:
        """A person's decision: drop an unsent entry for good. Raises `outbox.not_found`."""
        session = self._need()
        with session.replica.write() as conn:
            row = queue.get(conn, entry_id)
            queue.remove(conn, entry_id)
        log.info("outbox entry %s (%s) discarded by a person", row.id, row.kind)
        self._publish(ChangeSet(customers=frozenset({row.customer_id} if row.customer_id
                                                    else ()), outbox=True, status=True))

    def sync_now(self, progress: Callable[[PullProgress], None] | None = None) -> SyncStatus:
        """Online. Push then pull now, in this thread (waits for a cycle the background sync
        may be running). Returns the status after it; network trouble is reported in the
        status, not raised."""
        session = self._need()
        return session.engine.run_cycle(ignore_schedule=True, progress=progress)

    def subscribe(self, callback: Callable[[ChangeSet], None]) -> Callable[[], None]:
        """Call `callback(ChangeSet)` after every change of the replica, the outbox or the
        sync status. Returns a function that unsubscribes. A callback that raises is logged
        and does not stop the others."""
        with self._subscribers_lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._subscribers_lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def _publish(self, changes: ChangeSet) -> None:
        with self._subscribers_lock:
            callbacks = list(self._subscribers)
        for callback in callbacks:
            try:
                callback(changes)
            except Exception:
                log.exception("a change subscriber failed")

    def start_sync(self, *, in_child: bool = False) -> None:
        """Start the background sync (health checks, push then pull, on a timer and after
        each write). Idempotent. `in_child`: run it in a child process
        (`clienteling.sync.child`) so that decoding and applying pages never holds this
        process's GIL (the app's UI); notifications and the status work the same."""
        with self._lock:
            session = self._need()
            self._sync_in_child = in_child
            engine = session.engine
            if in_child and isinstance(engine, SyncEngine) and not engine.running:
                session.engine = ChildSync(
                    session.replica, session.client, command=child_command(self._paths),
                    notify=self._publish, tokens_persistent=self._tokens.persistent)
            engine = session.engine
        engine.start()

    def sync_state(self) -> EngineState:
        """The sync engine's own state (connection, reason, pull under way): what a sync child
        process reports to the app."""
        return self._need().engine.snapshot()

    def kick_sync(self) -> None:
        """Sync soon (something was written to the replica by another process)."""
        self._need().engine.kick()

    def stop_sync(self, timeout: float = 10.0) -> None:
        """Stop the background sync thread, waiting at most `timeout` seconds. Idempotent."""
        session = self._session
        if session is not None:
            session.engine.stop(timeout)
