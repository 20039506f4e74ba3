"""What the app calls: one service per domain, sharing one context (settings, token store and
the signed-in session's replica, client and sync engine). Synchronous, no Qt; callbacks, not
signals.

Thread-safety: every method may be called from any thread (the UI calls them from workers);
reads never wait for the network except where a docstring says "online". Errors are
`clienteling.domain.errors.DomainError` with a stable `code` and `params` (the API client's
`ApiError`, `TransportError` and `SignInRequired` are subclasses).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from clienteling.device.carts import CartService
from clienteling.device.catalog import CatalogService
from clienteling.device.checkout import CheckoutService
from clienteling.device.clients import ClientBookService
from clienteling.device.context import DeviceContext
from clienteling.device.customers import CustomerService
from clienteling.device.devices import DevicesService
from clienteling.device.kpis import KpiService
from clienteling.device.orders import OrderService
from clienteling.device.pickups import PickupService
from clienteling.device.privacy import PrivacyService
from clienteling.device.scan import ScanService
from clienteling.device.session import SessionService
from clienteling.device.sync import SyncService
from clienteling.device.tasks import TaskService
from clienteling.replica.key import ReplicaKeys
from clienteling.settings import TokenStore

__all__ = ["CartService", "CatalogService", "CheckoutService", "ClientBookService",
           "CustomerService", "Device", "DevicesService", "KpiService", "OrderService",
           "PickupService", "PrivacyService", "ScanService", "SessionService", "SyncService",
           "TaskService"]


class Device:
    """The device's services for one settings + data directory: `session` (sign-in,
    settings, the wipe notice), `customers`, `catalog`, `orders`, `pickups`, `carts` (the
    open carts kept on the device), `checkout` (delivery methods, quotes, placing a cart, an
    order's payment), `scan` (routing a scan), `sync` (the outbox, the background sync,
    change notifications), and online only `devices` (a manager's devices: revoke a lost one)
    and `privacy` (consent history, GDPR); `clients`: a manager's client book (reads from the
    replica, assignments queued); `tasks` (follow-ups: my tasks, new tasks, done, snooze) and
    `kpis` (the store's KPIs, online or from the replica).

    Opening loads the settings of `data_dir` (None: the user's config and data directories,
    or `CLIENTELING_DATA_DIR`) and, when someone is signed in, their replica (with its key
    from `replica_keys`; None: the device's own store, `ReplicaKeys.for_device`). The background
    sync does not start until `sync.start_sync()`. A device out of contact with the server
    past its lock delay pushes what it can and wipes itself while opening (it is then signed
    out and `session.wipe_notice()` says why): open it off the UI thread. `clock`: the
    device's time (tests move it)."""

    def __init__(self, data_dir: str | Path | None = None, *,
                 token_store: TokenStore | None = None,
                 replica_keys: ReplicaKeys | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        context = DeviceContext(data_dir, token_store=token_store, replica_keys=replica_keys,
                                clock=clock)
        self._context = context
        self.sync = SyncService(context)  # first: it receives what the others publish
        self.session = SessionService(context)
        self.customers = CustomerService(context)
        self.catalog = CatalogService(context)
        self.orders = OrderService(context)
        self.pickups = PickupService(context)
        self.carts = CartService(context)
        self.checkout = CheckoutService(context)
        self.scan = ScanService(context, self.customers, self.catalog, self.pickups)
        self.devices = DevicesService(context)
        self.privacy = PrivacyService(context)
        self.clients = ClientBookService(context)
        self.tasks = TaskService(context)
        self.kpis = KpiService(context)
        context.open_if_signed_in()

    def close(self) -> None:
        """Stop the background sync and close the replica and HTTP sessions. Idempotent."""
        context = self._context
        with context.lock:
            session, context.session = context.session, None
        if session is not None:
            session.close()

    def __enter__(self) -> Device:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
