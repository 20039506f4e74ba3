"""Server settings, from the environment (the API is stateless: every process reads the same)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from platformdirs import user_data_dir

from clienteling.domain.loyalty import LOYALTY_TIERS
from clienteling.domain.orders import DELIVERY_FEES
from clienteling.domain.sourcing import TRANSFER_DAYS_DEFAULT

ENV_DATABASE_URL = "CLIENTELING_DATABASE_URL"
ENV_WEBHOOK_SECRET = "CLIENTELING_PAYMENT_WEBHOOK_SECRET"
# The contract: a request that cannot get the database within this many seconds answers 503.
DATABASE_WAIT_BOUND = 10.0


def default_database_url() -> str:
    """`CLIENTELING_DATABASE_URL`, else a SQLite file in the user data directory."""
    url = os.environ.get(ENV_DATABASE_URL)
    if url:
        return url
    folder = Path(user_data_dir("clienteling", appauthor=False)) / "server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'central.sqlite3'}"


@dataclass(frozen=True)
class DeliveryMethod:
    """A home delivery method the chain offers: its fee and how many days it takes."""

    method: str
    fee: Decimal
    min_days: int
    max_days: int
    currency: str = "EUR"


# The demo's (and the default) methods: the fees of domain.orders.DELIVERY_FEES.
_DEMO_DAYS = {"standard": (2, 4), "express": (1, 1), "store_courier": (0, 1)}
DEFAULT_DELIVERY_METHODS = tuple(
    DeliveryMethod(method, Decimal(fee), *_DEMO_DAYS[method])
    for method, fee in DELIVERY_FEES.items())


def parse_delivery_methods(text: str) -> tuple[DeliveryMethod, ...]:
    """`CLIENTELING_DELIVERY_METHODS`: `method:fee:min_days:max_days[:currency]`, comma separated
    (`standard:4.90:2:4,express:9.90:1:1`)."""
    methods = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        fields = item.split(":")
        if len(fields) not in (4, 5):
            raise ValueError(f"CLIENTELING_DELIVERY_METHODS: {item!r} is not "
                             f"method:fee:min_days:max_days[:currency]")
        method, fee, low, high = fields[:4]
        try:
            found = DeliveryMethod(method, Decimal(fee), int(low), int(high),
                                   *(fields[4:] or ["EUR"]))
        except (InvalidOperation, ValueError):
            raise ValueError(f"CLIENTELING_DELIVERY_METHODS: {item!r} has a fee or days that "
                             f"are not numbers") from None
        if found.fee < 0 or not 0 <= found.min_days <= found.max_days:
            raise ValueError(f"CLIENTELING_DELIVERY_METHODS: {item!r}: the fee must be at least "
                             f"0 and 0 <= min_days <= max_days")
        methods.append(found)
    return tuple(methods)


@dataclass(frozen=True)
class ServerConfig:
    database_url: str
    phone_region: str = "FR"
    nearest_stores: int = 10
    access_token_ttl: int = 15 * 60
    refresh_token_ttl: int = 30 * 24 * 3600
    idempotency_ttl_days: int = 45
    feed_page_max: int = 5000
    # First syncs from a snapshot (clienteling.server.feed.snapshot; off: devices page through
    # the feed): its cache folder on this
    # host (None: a folder per database in the system's temporary folder), and when one is
    # rebuilt: older than this many seconds, or this many changes of the store behind the feed.
    snapshots: bool = field(
        default_factory=lambda: os.environ.get("CLIENTELING_SNAPSHOTS", "1") not in ("0", "no"))
    snapshot_dir: str | None = field(
        default_factory=lambda: os.environ.get("CLIENTELING_SNAPSHOT_DIR") or None)
    snapshot_max_age: float = field(
        default_factory=lambda: float(os.environ.get("CLIENTELING_SNAPSHOT_MAX_AGE", "900")))
    snapshot_max_distance: int = field(
        default_factory=lambda: int(os.environ.get("CLIENTELING_SNAPSHOT_MAX_DISTANCE",
                                                   "20000")))
    # The loyalty tiers of the chain: a manager moves a customer between these only.
    tiers: tuple[str, ...] = LOYALTY_TIERS
    # How long finding a customer of another store by an exact identifier (card, email, phone)
    # lets the seller read that customer's profile, orders, wishlist and timeline.
    lookup_grant_hours: int = 12
    # Retention: a customer whose last purchase (or enrolment, without one) is older than this
    # is erased by `server gdpr purge` (three years: the CNIL's usual guidance for prospects).
    retention_days: int = 3 * 365
    # A device that has not reached the server for this many days locks itself and wipes its
    # data at its next start (told at sign-in and at each token refresh).
    device_lock_days: int = 14
    # Database connections of one API process: pool_size kept open, up to max_overflow more
    # under load. A request waits at most pool_timeout for one (then 503), then at most
    # db_connect_timeout for PostgreSQL to accept a new connection, then at most lock_timeout
    # for SQLite's write lock or a PostgreSQL row lock (then 503): together they stay within
    # DATABASE_WAIT_BOUND, with a second left for the work itself.
    db_pool_size: int = 10
    db_max_overflow: int = 10
    db_pool_timeout: float = 4.0
    db_lock_timeout: float = 3.0
    db_connect_timeout: int = 2  # PostgreSQL's smallest

    def __post_init__(self) -> None:
        if self.db_pool_size < 1 or self.db_max_overflow < 0:
            raise ValueError("CLIENTELING_DB_POOL_SIZE must be at least 1 and "
                             "CLIENTELING_DB_MAX_OVERFLOW at least 0")
        waits = self.db_pool_timeout + self.db_lock_timeout + self.db_connect_timeout
        if min(self.db_pool_timeout, self.db_lock_timeout) <= 0 or (
                waits > DATABASE_WAIT_BOUND - 1):
            raise ValueError(
                f"CLIENTELING_DB_POOL_TIMEOUT + CLIENTELING_DB_LOCK_TIMEOUT (+ "
                f"{self.db_connect_timeout} s to connect) must be positive and at most "
                f"{DATABASE_WAIT_BOUND - 1:g} s (a request answers within "
                f"{DATABASE_WAIT_BOUND:g} s); they are {waits:g} s")

    @property
    def db_slots(self) -> int:
        """Requests of this process that may use the database at once: one connection each."""
        return self.db_pool_size + self.db_max_overflow
    # Login throttling (contract: 5 failures for one username within 15 minutes → 429).
    login_max_failures: int = 5
    login_window: int = 15 * 60
    # Password checks (argon2, ~0.3 s and 64 MiB each) running at once in one API process; more
    # wait their turn.
    login_hash_slots: int = field(default_factory=lambda: os.cpu_count() or 2)
    # How long a sign-in waits for a free slot before answering 503 (the attempt is not counted).
    login_hash_wait: float = 10.0
    # Seconds after a refresh during which the old refresh token may be presented again by a
    # device that lost the answer (see auth.service.refresh for the trade-off).
    refresh_grace: int = 60
    # Selling. Home delivery methods offered (GET /delivery-methods) with fees and days.
    # (Defaults read the environment too, so a config made in code (tests, an embedding
    # process) follows the same settings as `from_env`.)
    delivery_methods: tuple[DeliveryMethod, ...] = field(
        default_factory=lambda: _env_methods() or DEFAULT_DELIVERY_METHODS)
    # Days for goods to travel from one store to another: a click-and-collect order sourced
    # from another store is ready this many days after it is placed (0 when all is on hand).
    store_transfer_days: int = field(
        default_factory=lambda: int(os.environ.get("CLIENTELING_STORE_TRANSFER_DAYS",
                                         str(TRANSFER_DAYS_DEFAULT))))
    # The payment provider's page for a payment link, `{order_number}` replaced; None: the
    # payment_link mode is refused (422). The demo points it at its own simulated page.
    payment_page: str | None = field(
        default_factory=lambda: os.environ.get("CLIENTELING_PAYMENT_PAGE") or None)
    # The secret the payment provider signs its webhook calls with (HMAC-SHA256 of the body).
    payment_webhook_secret: str | None = field(
        default_factory=lambda: os.environ.get(ENV_WEBHOOK_SECRET) or None)
    # Serve the demo's simulated provider page (/api/v1/payments/demo/<order>): demo only.
    demo_payment_page: bool = False
    # Telling customers (order ready): "log" writes the message to the log only; "smtp" sends
    # the email consented to through the SMTP server below.
    notifier: str = field(default_factory=lambda: os.environ.get("CLIENTELING_NOTIFIER", "log"))
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_sender: str = "no-reply@clienteling.invalid"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False

    @classmethod
    def from_env(cls, database_url: str | None = None) -> ServerConfig:
        env = os.environ
        return cls(
            database_url=database_url or default_database_url(),
            phone_region=env.get("CLIENTELING_PHONE_REGION", "FR"),
            nearest_stores=int(env.get("CLIENTELING_NEAREST_STORES", "10")),
            access_token_ttl=int(env.get("CLIENTELING_ACCESS_TTL", str(15 * 60))),
            tiers=_names(env.get("CLIENTELING_TIERS")) or LOYALTY_TIERS,
            retention_days=int(env.get("CLIENTELING_RETENTION_DAYS", str(3 * 365))),
            device_lock_days=int(env.get("CLIENTELING_DEVICE_LOCK_DAYS", "14")),
            db_pool_size=int(env.get("CLIENTELING_DB_POOL_SIZE", "10")),
            db_max_overflow=int(env.get("CLIENTELING_DB_MAX_OVERFLOW", "10")),
            db_pool_timeout=float(env.get("CLIENTELING_DB_POOL_TIMEOUT", "4")),
            db_lock_timeout=float(env.get("CLIENTELING_DB_LOCK_TIMEOUT", "3")),
            login_max_failures=int(env.get("CLIENTELING_LOGIN_MAX_FAILURES", "5")),
            login_window=int(env.get("CLIENTELING_LOGIN_WINDOW", str(15 * 60))),
            refresh_grace=int(env.get("CLIENTELING_REFRESH_GRACE", "60")),
            demo_payment_page=env.get("CLIENTELING_DEMO_PAYMENT_PAGE", "") in ("1", "true"),
            smtp_host=env.get("CLIENTELING_SMTP_HOST", "localhost"),
            smtp_port=int(env.get("CLIENTELING_SMTP_PORT", "25")),
            smtp_sender=env.get("CLIENTELING_SMTP_SENDER", "no-reply@clienteling.invalid"),
            smtp_user=env.get("CLIENTELING_SMTP_USER") or None,
            smtp_password=env.get("CLIENTELING_SMTP_PASSWORD") or None,
            smtp_starttls=env.get("CLIENTELING_SMTP_STARTTLS", "") in ("1", "true", "yes"),
        )


def _env_methods() -> tuple[DeliveryMethod, ...]:
    return parse_delivery_methods(os.environ.get("CLIENTELING_DELIVERY_METHODS", ""))


def _names(text: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (text or "").split(",") if name.strip())
