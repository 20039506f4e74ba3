"""The FastAPI application of the central API."""

from __future__ import annotations

import logging
import threading
from functools import cache

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse

from clienteling import __version__
from clienteling.api.models import Health
from clienteling.server import problems
from clienteling.server.body_limit import BodyLimit
from clienteling.server.config import ServerConfig
from clienteling.server.db import utcnow
from clienteling.server.metrics import CONTENT_TYPE, MetricsMiddleware, ServerMetrics
from clienteling.server.query import no_unknown_query_parameters
from clienteling.server.sessions import Database

API_PREFIX = "/api/v1"
log = logging.getLogger(__name__)


@cache
def schema_head() -> str | None:
    """The newest migration this version of the server ships."""
    from alembic.script import ScriptDirectory

    from clienteling.server.migrate import MIGRATIONS

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def readiness(engine: sa.Engine) -> tuple[bool, str]:
    """Whether this process can serve: the database answers and its schema is the one this
    version expects (`server migrate` has run). (ready, why not)."""
    try:
        with engine.connect() as conn:
            current = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.SQLAlchemyError as error:
        log.warning("not ready: %s", getattr(error, "orig", None) or error)
        return False, "The database does not answer (or has no schema: run server migrate)."
    if current != schema_head():
        return False, (f"The database schema is at {current}, this server expects "
                       f"{schema_head()}: run server migrate.")
    return True, ""


def create_app(config: ServerConfig | None = None) -> FastAPI:
    from clienteling.server.audit.router import router as audit_router
    from clienteling.server.auth.router import accounts as accounts_router
    from clienteling.server.auth.router import router as auth_router
    from clienteling.server.clients.router import router as clients_router
    from clienteling.server.customers.router import router as customers_router
    from clienteling.server.devices.router import router as devices_router
    from clienteling.server.feed.router import router as feed_router
    from clienteling.server.feed.snapshot_router import router as snapshot_router
    from clienteling.server.notify.service import make_notifier
    from clienteling.server.orders.router import methods as delivery_router
    from clienteling.server.orders.router import router as orders_router
    from clienteling.server.payments.router import demo as demo_payments_router
    from clienteling.server.payments.router import router as payments_router
    from clienteling.server.privacy.router import router as privacy_router
    from clienteling.server.products.router import router as products_router
    from clienteling.server.stock.router import router as stock_router
    from clienteling.server.stores.router import router as stores_router

    config = config or ServerConfig.from_env()
    app = FastAPI(
        dependencies=[Depends(no_unknown_query_parameters)],
        title="Clienteling central API",
        version=__version__,
        description="The shared source of truth of every store's clienteling devices.",
        responses={
            401: {"description": "Not signed in", "content": {"application/problem+json": {}}},
        },
    )
    database = Database.open(config)
    app.state.config = config
    app.state.database = database
    app.state.engine = database.engine
    app.state.sessions = database.write_sessions  # scripts and tests: a session that may write
    # The time auth decides with (throttle windows, token lifetimes); tests move it by hand.
    app.state.clock = utcnow
    # Tells customers (an order ready): log-only by default, SMTP by the settings.
    app.state.notifier = make_notifier(config)
    # Bounds the password checks running at once (argon2 takes 64 MiB each).
    app.state.password_slots = threading.BoundedSemaphore(config.login_hash_slots)
    problems.install(app)
    app.add_middleware(BodyLimit)
    metrics = ServerMetrics(database.engine)
    app.state.metrics = metrics
    app.add_middleware(MetricsMiddleware, metrics=metrics, prefixes=(API_PREFIX,))

    @app.get("/healthz", response_model=Health, tags=["health"])
    def healthz() -> Health:
        return Health(status="ok")

    # For load balancers and orchestrators: /healthz says the process lives, /readyz that it
    # can serve (database reachable, schema migrated). Not part of the devices' API.
    @app.get("/readyz", include_in_schema=False)
    def readyz(request: Request) -> JSONResponse:
        ready, reason = readiness(request.app.state.engine)
        if ready:
            return JSONResponse({"status": "ready"})
        return problems.problem_response(503, reason, code="database.unavailable",
                                         headers={"Retry-After": "5"})

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics(request: Request) -> Response:
        return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE)

    for router in (auth_router, accounts_router, stores_router, products_router, stock_router,
                   customers_router, orders_router, feed_router, snapshot_router, audit_router,
                   devices_router, delivery_router, payments_router, clients_router,
                   privacy_router):
        app.include_router(router, prefix=API_PREFIX)
    if config.demo_payment_page or config.payment_page is None:
        # No payment provider set up: the simulated one (loopback only) takes payment links.
        app.include_router(demo_payments_router, prefix=API_PREFIX)
    return app
