"""The store's KPIs for its manager: the server's answer (`GET /kpis`) when it can be asked,
else computed from the replica by the same rule (`clienteling.domain.kpis`), as of the last
sync."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from clienteling.api.client import ApiError
from clienteling.api.models import Kpis
from clienteling.device.context import NETWORK_ERRORS, DeviceContext
from clienteling.domain.errors import DomainError
from clienteling.domain.kpis import KpiFigures
from clienteling.replica import tasks as task_reads
from clienteling.replica.apply import parse_ts
from clienteling.replica.database import Replica
from clienteling.replica.views import KpiReport
from clienteling.sync.pull import LAST_SYNC

__all__ = ["KpiService"]


def figures_of(answer: Kpis) -> KpiFigures:
    """The server's `Kpis` as the rule's figures."""
    return KpiFigures(
        active_clients=answer.active_clients, new_clients=answer.new_clients, clients=None,
        consent_email_share=answer.consent_share.email,
        consent_sms_share=answer.consent_share.sms,
        revenue_by_channel={k: Decimal(str(v)) for k, v in
                            answer.revenue_by_channel.model_dump().items()},
        average_value_by_channels={k: Decimal(str(v)) for k, v in
                                   answer.average_value_by_channels.items()},
        pickups_waiting=answer.pickups_waiting)


class KpiService:
    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    def store_kpis(self, *, online: bool = True, now: datetime | None = None) -> KpiReport:
        """The signed-in manager's store's KPIs: online from the server; when it cannot be
        asked (or `online` is False), from the replica as of its last sync. A refusal by the
        server (a seller: 403) is raised as it is."""
        session = self._ctx.need()
        store_id = self._ctx.settings.store_id or ""
        reason: str | None = None
        if online:
            try:
                answer = session.client.kpis(store_id)
            except NETWORK_ERRORS as error:
                reason = error.code
            except ApiError as error:
                if error.status < 500:
                    raise
                reason = error.code or f"http.{error.status}"
            else:
                return KpiReport(store_id=store_id, figures=figures_of(answer),
                                 source="server", as_of=now or datetime.now(UTC))
        return self.offline_kpis(now=now, reason=reason)

    def offline_kpis(self, *, now: datetime | None = None,
                     reason: str | None = None) -> KpiReport:
        """From the replica, by `domain.kpis`, as of the last sync (`now` when given)."""
        session = self._ctx.need()
        store_id = self._ctx.settings.store_id or ""
        with session.replica.read() as conn:
            last = parse_ts(Replica.get_meta(conn, LAST_SYNC))
            if last is None and now is None:
                raise DomainError("kpis.no_data", "nothing was synced yet", offline=True)
            at = now or last
            assert at is not None
            tally = task_reads.kpi_tally(conn, store_id, at)
        return KpiReport(store_id=store_id, figures=tally.figures(), source="replica",
                         as_of=at, offline_reason=reason)
