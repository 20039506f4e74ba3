"""The tests' PostgreSQL: one database per test run unless CLIENTELING_TEST_PG_URL names one.

Two runs at once (two engineers, CI and a developer) used to share `clienteling_test` and reset
each other's schema. By default each run now names its databases after its process id and a
random suffix, creates them on first use and drops them when the session ends. The server must
accept `postgres` without a password from 127.0.0.1 (see the README's "Running the tests").
"""

from __future__ import annotations

import os
import secrets

import sqlalchemy as sa

ENV_URL = "CLIENTELING_TEST_PG_URL"
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
RUN_ID = f"{os.getpid()}_{secrets.token_hex(3)}"
_created: list[str] = []


def url_for(purpose: str) -> str:
    """The database URL for one group of tests (`purpose`: "server", "sync"): the chosen one
    when CLIENTELING_TEST_PG_URL is set, else `clienteling_test_<purpose>_<pid>_<random>`."""
    chosen = os.environ.get(ENV_URL)
    if chosen:
        return chosen
    return f"{SERVER}/clienteling_test_{purpose}_{RUN_ID}"


def _admin(url: str) -> sa.Engine:
    target = sa.make_url(url)
    return sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT",
                            poolclass=sa.pool.NullPool)


def ensure_database(url: str) -> str | None:
    """Create the test database if needed; the reason it cannot be reached, or None. A
    database this run created is dropped by `drop_created()` at the end of the session."""
    name = sa.make_url(url).database
    admin = _admin(url)
    try:
        with admin.connect() as conn:
            exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                 {"n": name})
            if not exists:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
                if not os.environ.get(ENV_URL):
                    _created.append(url)
    except sa.exc.OperationalError as exc:
        target = sa.make_url(url)
        return f"PostgreSQL is not reachable at {target.host}:{target.port}: {exc.orig}"
    finally:
        admin.dispose()
    return None


def drop_created() -> list[str]:
    """Drop the databases this run created (FORCE: a pool left open must not keep them)."""
    dropped = []
    while _created:
        url = _created.pop()
        name = sa.make_url(url).database
        admin = _admin(url)
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            dropped.append(str(name))
        except sa.exc.OperationalError:
            pass  # the server went away: nothing more to clean
        finally:
            admin.dispose()
    return dropped
