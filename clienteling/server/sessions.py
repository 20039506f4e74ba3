"""How a request gets the database: read and write sessions, a bounded wait, no held connection.

- `get_read_session` / `get_write_session` are the two session dependencies. A read session
  never takes SQLite's write lock (a deferred transaction, `query_only`) and is READ ONLY on
  PostgreSQL; a write session takes SQLite's write lock up front (BEGIN IMMEDIATE).
  `get_session` picks by method: GET and HEAD read, every other method writes. A GET that must
  write (an audit record, say) declares `Depends(get_write_session)` instead.
- `DatabaseRoute`, the route class of every router that uses the database, does two things:
  it admits at most `db_slots` requests of the process to the database at once (one connection
  each, so a request never waits on the pool), waiting at most `db_pool_timeout` for a slot and
  answering 503 `database.unavailable` with Retry-After otherwise; and it commits (or rolls
  back) the endpoint's sessions in the endpoint's own worker thread, so a request holds a
  connection, and SQLite's write lock, only while its endpoint runs: not while it waits for a
  thread, nor while its answer is serialized or sent.
- `current_staff` ends its own read before the endpoint runs, for the same reason.
- Every statement of an admitted request checks the request's deadline first: past
  `DATABASE_WAIT_BOUND` - 1 s - `db_lock_timeout` from its arrival, the request answers 503
  instead of starting another wait (orders queueing on one hot stock row would otherwise add
  a lock wait per statement), so its answer comes within the contract's 10 s.
"""

from __future__ import annotations

import functools
import inspect
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import anyio
import anyio.to_thread
from anyio.lowlevel import RunVar
from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from clienteling.server.config import DATABASE_WAIT_BOUND, ServerConfig
from clienteling.server.db import make_engine, make_sessionmaker, read_only
from clienteling.server.problems import ApiProblem

log = logging.getLogger(__name__)

READING_METHODS = frozenset({"GET", "HEAD"})
RETRY_AFTER_SECONDS = 1
# Threads beyond the database slots, for requests that need no database and for serializing.
_SPARE_THREADS = 16


@dataclass(eq=False)  # hashed by identity: its slots are kept per event loop
class Database:
    """The API's engine and its two session factories (one per process, in app.state)."""

    engine: Engine
    write_sessions: sessionmaker[Session]
    read_sessions: sessionmaker[Session]
    slots: int
    slot_timeout: float
    # From a request's arrival, how long it may start new statements (see the docstring).
    statement_window: float

    @classmethod
    def open(cls, config: ServerConfig) -> Database:
        engine = make_engine(
            config.database_url, pool_size=config.db_pool_size,
            max_overflow=config.db_max_overflow, pool_timeout=config.db_pool_timeout,
            lock_timeout=config.db_lock_timeout, connect_timeout=config.db_connect_timeout)
        event.listen(engine, "before_cursor_execute", _check_deadline)
        return cls(engine=engine, write_sessions=make_sessionmaker(engine),
                   read_sessions=make_sessionmaker(read_only(engine)),
                   slots=config.db_slots, slot_timeout=config.db_pool_timeout,
                   statement_window=DATABASE_WAIT_BOUND - 1 - config.db_lock_timeout)


def database(request: Request) -> Database:
    return request.app.state.database  # type: ignore[no-any-return]


# The time.monotonic() past which the current request starts no statement; None outside one.
# Worker threads see it: anyio runs them in a copy of the request's context.
_deadline: ContextVar[float | None] = ContextVar("clienteling_request_deadline", default=None)


def _check_deadline(*_args: Any) -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        # The transaction rolls back (the endpoint's session is closed): safe to resend.
        raise unavailable("The server is busy; try again shortly.")


# --- sessions -----------------------------------------------------------------------------


@asynccontextmanager
async def _opened(factory: sessionmaker[Session]) -> AsyncIterator[Session]:
    # Making a session opens nothing: the connection is taken at its first query.
    session = factory()
    try:
        yield session
    except BaseException:
        if session.in_transaction():
            await anyio.to_thread.run_sync(session.close, abandon_on_cancel=False)
        else:
            session.close()
        raise
    # DatabaseRoute has already committed in the endpoint's thread; this is the fallback for a
    # route of another class (the work is committed after the answer is sent, as FastAPI does).
    if session.in_transaction():
        await anyio.to_thread.run_sync(_commit_and_close, session)
    else:
        session.close()


def _commit_and_close(session: Session) -> None:
    try:
        session.commit()
    finally:
        session.close()


async def get_read_session(request: Request) -> AsyncIterator[Session]:
    """A session for reading only (see the module's docstring)."""
    async with _opened(database(request).read_sessions) as session:
        yield session


async def get_write_session(request: Request) -> AsyncIterator[Session]:
    """A session that may write: its transaction takes SQLite's write lock at its first query."""
    async with _opened(database(request).write_sessions) as session:
        yield session


async def get_session(request: Request, reader: Session = Depends(get_read_session),
                      writer: Session = Depends(get_write_session)) -> Session:
    """GET and HEAD read, every other method writes. Both sessions are lazy: the one not
    chosen never opens a connection."""
    return reader if request.method in READING_METHODS else writer


# --- the route class ----------------------------------------------------------------------


_SLOTS: RunVar[WeakKeyDictionary[Database, anyio.Semaphore]] = RunVar("clienteling_db_slots")


def _slots(db: Database) -> anyio.Semaphore:
    """The database slots of `db` in the running event loop."""
    slots = _SLOTS.get(None)
    if slots is None:
        slots = WeakKeyDictionary()
        _SLOTS.set(slots)
    semaphore = slots.get(db)
    if semaphore is None:
        semaphore = slots[db] = anyio.Semaphore(db.slots)
        # Every admitted request must find a worker thread at once, else it holds a slot
        # waiting for one while the 10 s run out.
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = max(limiter.total_tokens, db.slots + _SPARE_THREADS)
    return semaphore


def unavailable(detail: str) -> ApiProblem:
    return ApiProblem(503, detail, code="database.unavailable",
                      headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def _in_transaction(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """`endpoint`, committing the sessions it was given when it returns (rolling them back
    when it raises), in its own worker thread."""
    if getattr(endpoint, "__clienteling_transaction__", False):
        return endpoint

    @functools.wraps(endpoint)
    def run(*args: Any, **kwargs: Any) -> Any:
        sessions = [value for value in kwargs.values() if isinstance(value, Session)]
        try:
            result = endpoint(*args, **kwargs)
            for session in sessions:
                session.commit()
        finally:
            for session in sessions:
                session.close()  # rolls back what was not committed, returns the connection
        return result

    run.__clienteling_transaction__ = True  # type: ignore[attr-defined]
    return run


class DatabaseRoute(APIRoute):
    """The route class of the routers that use the database (see the module's docstring)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not _is_async(endpoint):
            endpoint = _in_transaction(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Any]:
        handler = super().get_route_handler()

        async def gated(request: Request) -> Response:
            arrived = time.monotonic()
            # The body first (at most 1 MiB, see body_limit): a slow sender holds no slot.
            await request.body()
            db = database(request)
            _deadline.set(arrived + db.statement_window)
            semaphore = _slots(db)
            admitted = False
            with anyio.move_on_after(db.slot_timeout):
                await semaphore.acquire()
                admitted = True
            if not admitted:
                log.warning("no database slot within %.1f s", db.slot_timeout)
                raise unavailable("The server is busy; try again shortly.")
            try:
                return await handler(request)  # type: ignore[no-any-return]
            finally:
                semaphore.release()

        return gated


def _is_async(endpoint: Callable[..., Any]) -> bool:
    return inspect.iscoroutinefunction(inspect.unwrap(endpoint))
