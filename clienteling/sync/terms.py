"""The selling terms a device keeps for working offline (`clienteling.replica.terms`): the
home delivery methods, asked again at a sync when the kept answer is older than `MAX_AGE`, so
an order confirmed offline is priced with the server's fee even if no checkout ran online."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from clienteling.api.client import ApiClient, ApiError
from clienteling.replica import terms
from clienteling.replica.database import Replica

log = logging.getLogger(__name__)

MAX_AGE = timedelta(hours=6)


def refresh_terms(replica: Replica, client: ApiClient, now: datetime | None = None) -> bool:
    """Ask the server for its delivery methods when the kept ones are missing or older than
    `MAX_AGE`, and keep the answer. True when they were asked. A refusal is logged: the sync
    goes on (transport errors propagate, as the pull's do)."""
    now = now or datetime.now(UTC)
    with replica.read() as conn:
        kept_at = Replica.get_meta(conn, terms.DELIVERY_METHODS_AT)
        kept = terms.delivery_methods(conn)
    if kept and kept_at:
        try:
            if now - datetime.fromisoformat(kept_at) < MAX_AGE:
                return False
        except (TypeError, ValueError):
            pass  # unreadable: ask again
    try:
        methods = client.delivery_methods()
    except ApiError as refused:
        log.info("delivery methods not refreshed: %s", refused.code)
        return False
    with replica.write() as conn:
        terms.keep_delivery_methods(conn, [m.model_dump(mode="json") for m in methods],
                                    now.isoformat())
    return True
