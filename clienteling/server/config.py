"""Server settings, from the environment (the API is stateless: every process reads the same)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from clienteling.domain.loyalty import LOYALTY_TIERS

ENV_DATABASE_URL = "CLIENTELING_DATABASE_URL"


def default_database_url() -> str:
    """`CLIENTELING_DATABASE_URL`, else a SQLite file in the user data directory."""
    url = os.environ.get(ENV_DATABASE_URL)
    if url:
        return url
    folder = Path(user_data_dir("clienteling", appauthor=False)) / "server"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'central.sqlite3'}"


@dataclass(frozen=True)
class ServerConfig:
    database_url: str
    phone_region: str = "FR"
    nearest_stores: int = 10
    access_token_ttl: int = 15 * 60
    refresh_token_ttl: int = 30 * 24 * 3600
    idempotency_ttl_days: int = 45
    feed_page_max: int = 5000
    # The loyalty tiers of the chain: a manager moves a customer between these only.
    tiers: tuple[str, ...] = LOYALTY_TIERS
    # How long finding a customer of another store by an exact identifier (card, email, phone)
    # lets the seller read that customer's profile, orders, wishlist and timeline.
    lookup_grant_hours: int = 12

    @classmethod
    def from_env(cls, database_url: str | None = None) -> ServerConfig:
        env = os.environ
        return cls(
            database_url=database_url or default_database_url(),
            phone_region=env.get("CLIENTELING_PHONE_REGION", "FR"),
            nearest_stores=int(env.get("CLIENTELING_NEAREST_STORES", "10")),
            access_token_ttl=int(env.get("CLIENTELING_ACCESS_TTL", str(15 * 60))),
            tiers=_names(env.get("CLIENTELING_TIERS")) or LOYALTY_TIERS,
        )


def _names(text: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (text or "").split(",") if name.strip())
