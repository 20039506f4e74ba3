"""Prometheus metrics of one API process: requests, latency, the database pool, the feed's lag.

Each process has its own registry and answers `/metrics` for itself (Prometheus scrapes every
process, as a chain runs several behind a load balancer). Request metrics are labelled by the
route's template (`/api/v1/customers/{customer_id}`), never the raw path: one time series per
endpoint, not per customer. Pool and feed figures are read when Prometheus scrapes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client import generate_latest as render
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

CONTENT_TYPE = CONTENT_TYPE_LATEST
# From a cached lookup (a few ms) to a first download page (seconds).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
UNMATCHED = "unmatched"  # a path no route serves (scanners, typos): one label for all


class DatabaseCollector(Collector):
    """The connection pool's state and how far the change feed's horizon trails, at scrape
    time (a failing database shows as `clienteling_database_up 0`, never as a 500)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield from self._pool()
        yield from self._feed()

    def _pool(self) -> Iterable[GaugeMetricFamily]:
        pool: Any = self.engine.pool
        figures = {
            "size": ("clienteling_db_pool_size", "Connections the pool keeps open"),
            "checkedout": ("clienteling_db_pool_checked_out", "Connections in use"),
            "checkedin": ("clienteling_db_pool_checked_in", "Idle connections in the pool"),
            "overflow": ("clienteling_db_pool_overflow",
                         "Connections opened beyond the pool size (negative: room left)"),
        }
        for method, (name, documentation) in figures.items():
            reader = getattr(pool, method, None)
            if callable(reader):
                yield GaugeMetricFamily(name, documentation, value=float(reader()))

    def _feed(self) -> Iterable[GaugeMetricFamily]:
        up = GaugeMetricFamily("clienteling_database_up",
                               "1 when the database answered this scrape")
        head = GaugeMetricFamily("clienteling_feed_head_position",
                                 "The newest change's position in the feed")
        held = GaugeMetricFamily(
            "clienteling_feed_held_back_changes",
            "Changes written but not yet served: an older transaction still runs (PostgreSQL)")
        lag = GaugeMetricFamily(
            "clienteling_feed_horizon_lag_transactions",
            "Transaction ids between the feed's horizon and the newest one (PostgreSQL)")
        try:
            with self.engine.connect() as conn:
                newest = conn.execute(sa.text("SELECT max(position) FROM changes")).scalar()
                head.add_metric([], float(newest or 0))
                if conn.dialect.name == "postgresql":
                    xmin, xmax = conn.execute(sa.text(
                        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, "
                        "pg_snapshot_xmax(pg_current_snapshot())::text::bigint")).one()
                    waiting = conn.execute(sa.text(
                        "SELECT count(*) FROM changes WHERE txid >= :horizon"),
                        {"horizon": xmin}).scalar_one()
                    held.add_metric([], float(waiting))
                    lag.add_metric([], float(xmax - xmin))
                else:  # SQLite serialises writers: what is committed is served
                    held.add_metric([], 0.0)
                    lag.add_metric([], 0.0)
            up.add_metric([], 1.0)
        except sa.exc.SQLAlchemyError as error:
            log.warning("metrics: the database did not answer: %s", error)
            up.add_metric([], 0.0)
            yield up
            return
        yield from (up, head, held, lag)


class ServerMetrics:
    """The registry of one app, and the ASGI middleware that counts and times its requests."""

    def __init__(self, engine: sa.Engine) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("clienteling_http_requests", "HTTP requests answered",
                                ("method", "route", "status"), registry=self.registry)
        self.latency = Histogram("clienteling_http_request_duration_seconds",
                                 "Time to answer an HTTP request", ("method", "route"),
                                 buckets=LATENCY_BUCKETS, registry=self.registry)
        self.registry.register(DatabaseCollector(engine))

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def exposition(self) -> bytes:
        return render(self.registry)


def route_of(scope: dict[str, Any], prefixes: tuple[str, ...] = ()) -> str:
    """The matched route's template (set on the scope by the router), else `unmatched`.
    FastAPI puts the router's own route there, without the prefix it was included with:
    the request's path says which of `prefixes` it came through."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    if not isinstance(path, str):
        return UNMATCHED
    requested = str(scope.get("path", ""))
    for prefix in prefixes:
        if not path.startswith(prefix) and requested.startswith(prefix + "/"):
            return prefix + path
    return path


class MetricsMiddleware:
    """Counts and times every HTTP request (pure ASGI: no buffering of streamed answers)."""

    def __init__(self, app: Any, metrics: ServerMetrics, prefixes: tuple[str, ...] = ()) -> None:
        self.app = app
        self.metrics = metrics
        self.prefixes = prefixes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}  # an exception before the answer started is a 500

        async def remember_status(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status["code"] = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, remember_status)
        finally:
            self.metrics.observe(scope["method"], route_of(scope, self.prefixes), status["code"],
                                 time.perf_counter() - started)
