"""Sign-in benchmark: what the login throttle costs a normal sign-in.

Times `POST /api/v1/auth/login` with the right password (in process, through FastAPI's test
client, one at a time) in three set-ups:

- `off`: the throttle's two database steps replaced by no-ops (the sign-in as it would be
  without throttling, still outside any transaction for the password check);
- `empty`: throttling on, the `login_throttle` table empty;
- `populated`: throttling on, the table holding `--rows` usernames under attack (half locked
  out, half whose window has passed: each sign-in purges up to 100 of those).

Each set-up runs with argon2's cheapest parameters (so the database work shows) and with the
production parameters (what a seller waits for):

    .venv/bin/python bench/login_bench.py --database-url sqlite:////tmp/login-bench.sqlite3
    .venv/bin/python bench/login_bench.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/login_bench
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from argon2 import PasswordHasher, profiles
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clienteling.server.app import create_app  # noqa: E402
from clienteling.server.auth import service, throttle  # noqa: E402
from clienteling.server.auth.models import LoginThrottle, StaffUser  # noqa: E402
from clienteling.server.config import ServerConfig  # noqa: E402
from clienteling.server.db import utcnow  # noqa: E402
from clienteling.server.migrate import reset_schema  # noqa: E402

PASSWORD = "bench-password-123"
USERNAME = "bench-seller"
SETUPS = ("off", "empty", "populated")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ensure_pg_database(url: str) -> None:
    target = sa.make_url(url)
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                           {"n": target.database}):
            conn.exec_driver_sql(f'CREATE DATABASE "{target.database}"')
    admin.dispose()


def populate(engine: sa.Engine, rows: int) -> None:
    """`rows` usernames guessed at: half locked out now, half whose window has passed."""
    now = utcnow()
    batch = []
    with engine.begin() as conn:
        conn.execute(sa.delete(LoginThrottle))
        for i in range(rows):
            locked = i % 2 == 0
            batch.append({
                "username_key": throttle.username_key(f"guessed-{i}"),
                "failures": 9 if locked else 3,
                "window_ends_at": now + timedelta(minutes=10) if locked
                else now - timedelta(minutes=1 + i % 600),
            })
            if len(batch) == 5000:
                conn.execute(sa.insert(LoginThrottle), batch)
                batch.clear()
        if batch:
            conn.execute(sa.insert(LoginThrottle), batch)
    if engine.dialect.name == "postgresql":
        # What autovacuum does in a steady state; without it every round measures the dead
        # rows of the previous round's bulk delete and insert, which production never has.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE login_throttle")


@contextmanager
def throttle_off() -> Iterator[None]:
    claim, forget = throttle.claim_attempt, throttle.forget
    throttle.claim_attempt = lambda *args, **kwargs: None  # type: ignore[assignment]
    throttle.forget = lambda *args, **kwargs: None  # type: ignore[assignment]
    try:
        yield
    finally:
        throttle.claim_attempt, throttle.forget = claim, forget


def measure(client: TestClient, samples: int) -> list[float]:
    body = {"username": USERNAME, "password": PASSWORD, "device_name": "bench"}
    durations = []
    for _ in range(samples):
        start = time.perf_counter()
        answer = client.post("/api/v1/auth/login", json=body)
        durations.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, answer.text
    return durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=200, help="per set-up, cheap hashing")
    parser.add_argument("--slow-samples", type=int, default=40,
                        help="per set-up, production hashing")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    if args.database_url.startswith("postgresql"):
        ensure_pg_database(args.database_url)
    reset_schema(args.database_url)

    app = create_app(ServerConfig(database_url=args.database_url))
    engine: sa.Engine = app.state.engine
    with app.state.sessions() as session, session.begin():
        service.create_user(session, username=USERNAME, password=PASSWORD, role="admin",
                            store_id=None)
    results = []
    production = service.HASHER
    with TestClient(app) as client:
        for hashing, hasher, samples in (
                ("cheapest", PasswordHasher.from_parameters(profiles.CHEAPEST), args.samples),
                ("production", production, args.slow_samples)):
            service.HASHER = hasher
            # Re-hash the account's password with this hasher's parameters.
            with app.state.sessions() as session, session.begin():
                session.execute(sa.update(StaffUser).values(
                    password_hash=hasher.hash(PASSWORD)))
            measure(client, 3)  # warm-up: connections, caches, the dummy hash
            # Rounds, each set-up in turn: a busy shared machine drifts over minutes, and the
            # drift must not land on one set-up only.
            durations: dict[str, list[float]] = {setup: [] for setup in SETUPS}
            for _ in range(args.rounds):
                for setup in SETUPS:
                    populate(engine, args.rows if setup == "populated" else 0)
                    with throttle_off() if setup == "off" else nullcontext():
                        durations[setup] += measure(client, max(1, samples // args.rounds))
            for setup in SETUPS:
                values = durations[setup]
                row = {"database": engine.dialect.name, "hashing": hashing, "throttle": setup,
                       "rows": args.rows if setup == "populated" else 0,
                       "samples": len(values),
                       "median_ms": round(statistics.median(values), 2),
                       "p95_ms": round(percentile(values, 95), 2)}
                results.append(row)
                print(json.dumps(row), flush=True)
    service.HASHER = production
    engine.dispose()
    print(f"\nmachine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")
    print(f"{'database':<11}{'hashing':<12}{'throttle':<11}{'median ms':>10}{'p95 ms':>9}")
    for row in results:
        print(f"{row['database']:<11}{row['hashing']:<12}{row['throttle']:<11}"
              f"{row['median_ms']:>10}{row['p95_ms']:>9}")


if __name__ == "__main__":
    main()
