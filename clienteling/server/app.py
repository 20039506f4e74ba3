"""The FastAPI application of the central API."""

from __future__ import annotations

import threading

from fastapi import Depends, FastAPI

from clienteling import __version__
from clienteling.api.models import Health
from clienteling.server import problems
from clienteling.server.body_limit import BodyLimit
from clienteling.server.config import ServerConfig
from clienteling.server.db import utcnow
from clienteling.server.query import no_unknown_query_parameters
from clienteling.server.sessions import Database

API_PREFIX = "/api/v1"


def create_app(config: ServerConfig | None = None) -> FastAPI:
    from clienteling.server.audit.router import router as audit_router
    from clienteling.server.auth.router import accounts as accounts_router
    from clienteling.server.auth.router import router as auth_router
    from clienteling.server.customers.router import router as customers_router
    from clienteling.server.devices.router import router as devices_router
    from clienteling.server.orders.router import router as orders_router
    from clienteling.server.products.router import router as products_router
    from clienteling.server.stock.router import router as stock_router
    from clienteling.server.stores.router import router as stores_router
    from clienteling.server.sync.router import router as sync_router

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
    # Bounds the password checks running at once (argon2 takes 64 MiB each).
    app.state.password_slots = threading.BoundedSemaphore(config.login_hash_slots)
    problems.install(app)
    app.add_middleware(BodyLimit)

    @app.get("/healthz", response_model=Health, tags=["health"])
    def healthz() -> Health:
        return Health(status="ok")

    for router in (auth_router, accounts_router, stores_router, products_router, stock_router,
                   customers_router, orders_router, sync_router, audit_router,
                   devices_router):
        app.include_router(router, prefix=API_PREFIX)
    return app
