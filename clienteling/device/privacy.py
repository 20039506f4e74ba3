"""A customer's personal data through the server (online only): the history of their consents
(when, how, by whom), and a manager's GDPR access export and erasure (audited by the server)."""

from __future__ import annotations

from clienteling.api import models as w
from clienteling.device.context import DeviceContext

__all__ = ["PrivacyService"]


class PrivacyService:
    """Consent history and GDPR rights. Every method is online: the server's errors
    (`customer.not_found`, `auth.forbidden`, `network.*`, …) are raised as they are."""

    def __init__(self, context: DeviceContext) -> None:
        self._ctx = context

    def consent_history(self, customer_id: str) -> list[w.ConsentEvent]:
        """Online. Every change of the customer's consents: when, how, by whom."""
        return self._ctx.need().client.consent_history(customer_id)

    def gdpr_export(self, customer_id: str) -> w.GdprExport:
        """Online, a manager. Everything held on the customer (audited by the server)."""
        return self._ctx.need().client.gdpr_export(customer_id)

    def gdpr_erase(self, customer_id: str, reason: str | None = None) -> w.ErasureAnswer:
        """Online, a manager. Erase the customer (or record the request while an order is
        open: `done` is false and `open_orders` says which)."""
        return self._ctx.need().client.gdpr_erase(customer_id, reason)
