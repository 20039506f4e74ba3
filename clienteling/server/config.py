"""Server settings, from the environment (the API is stateless: every process reads the same)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

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

    @classmethod
    def from_env(cls, database_url: str | None = None) -> ServerConfig:
        env = os.environ
        return cls(
            database_url=database_url or default_database_url(),
            phone_region=env.get("CLIENTELING_PHONE_REGION", "FR"),
            nearest_stores=int(env.get("CLIENTELING_NEAREST_STORES", "10")),
            access_token_ttl=int(env.get("CLIENTELING_ACCESS_TTL", str(15 * 60))),
            login_max_failures=int(env.get("CLIENTELING_LOGIN_MAX_FAILURES", "5")),
            login_window=int(env.get("CLIENTELING_LOGIN_WINDOW", str(15 * 60))),
            refresh_grace=int(env.get("CLIENTELING_REFRESH_GRACE", "60")),
        )
