"""What the timeline says, as codes with parameters: one vocabulary for the server that writes
entries and the app that shows them (`ui/models/timeline_text.py` turns a code into a
sentence in the seller's language).

An entry the server writes carries a `code` and its `params` (JSON values only: numbers and
amounts as strings, so they survive the wire exactly). Its `summary` stays, in plain English,
for the API's readers that are not the app (exports, scripts) and for the app versions before
codes. Entries that are free text (a seller's note, a retailer's imported history) have no code:
their summary is what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ORDER_PLACED = "order.placed"
CUSTOMER_ENROLLED = "customer.enrolled"
CONSENT_GRANTED = "consent.granted"
CONSENT_WITHDRAWN = "consent.withdrawn"

# An order ready to collect: the customer was told (by `channel`, email or sms), or was not
# (no consent to any channel: the store calls them).
ORDER_READY_TOLD = "order.ready_told"
ORDER_READY_UNTOLD = "order.ready_untold"
# A payment link paid (the provider's webhook).
PAYMENT_RECEIVED = "payment.received"

CODES = frozenset({ORDER_PLACED, CUSTOMER_ENROLLED, CONSENT_GRANTED, CONSENT_WITHDRAWN,
                   ORDER_READY_TOLD, ORDER_READY_UNTOLD, PAYMENT_RECEIVED})

# How an order reaches the customer, as `order.placed` names it.
CLICK_AND_COLLECT = "click_and_collect"
HOME_DELIVERY = "home_delivery"
IN_STORE = "in_store"


@dataclass(frozen=True)
class Said:
    """One thing the timeline says: its code and parameters, and the English summary."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return summary(self.code, self.params)


def order_placed(*, number: str, items: int, total: Decimal, currency: str, fulfilment: str,
                 store_id: str | None = None) -> Said:
    """`fulfilment` is click_and_collect or in_store (at `store_id`) or home_delivery."""
    params: dict[str, Any] = {"number": number, "items": items, "total": f"{total:.2f}",
                              "currency": currency, "fulfilment": fulfilment}
    if fulfilment != HOME_DELIVERY:
        params["store_id"] = store_id
    return Said(ORDER_PLACED, params)


def enrolled(*, card: str | None, consents: Sequence[str]) -> Said:
    return Said(CUSTOMER_ENROLLED, {"card": card, "consents": list(consents)})


def consent(*, channel: str, granted: bool, source: str) -> Said:
    return Said(CONSENT_GRANTED if granted else CONSENT_WITHDRAWN,
                {"channel": channel, "source": source})


def order_ready(*, number: str, store_id: str | None, channel: str | None) -> Said:
    """The order waits at `store_id`; the customer was told by `channel` (None: not told)."""
    if channel is None:
        return Said(ORDER_READY_UNTOLD, {"number": number, "store_id": store_id})
    return Said(ORDER_READY_TOLD, {"number": number, "store_id": store_id, "channel": channel})


def payment_received(*, number: str, total: Decimal, currency: str) -> Said:
    return Said(PAYMENT_RECEIVED, {"number": number, "total": f"{total:.2f}",
                                   "currency": currency})


def _where(params: Mapping[str, Any]) -> str:
    fulfilment = params.get("fulfilment")
    if fulfilment == CLICK_AND_COLLECT:
        return f"click and collect at {params.get('store_id')}"
    if fulfilment == IN_STORE:
        return f"in store at {params.get('store_id')}"
    return "home delivery"


def summary(code: str, params: Mapping[str, Any]) -> str:
    """The plain English the API keeps in `summary` (the app translates the code instead)."""
    if code == ORDER_PLACED:
        items = int(params.get("items", 0))
        return (f"Order {params.get('number')}: {items} item{'s' if items > 1 else ''}, "
                f"{params.get('total')} {params.get('currency')}, {_where(params)}")
    if code == CUSTOMER_ENROLLED:
        consents = list(params.get("consents") or [])
        return f"Enrolled, card {params.get('card')}" + (
            f"; consents: {', '.join(consents)}" if consents else "")
    if code in (CONSENT_GRANTED, CONSENT_WITHDRAWN):
        label = "Email" if params.get("channel") == "email" else "SMS"
        state = "granted" if code == CONSENT_GRANTED else "withdrawn"
        return f"{label} consent {state} ({params.get('source')})"
    if code == ORDER_READY_TOLD:
        label = "email" if params.get("channel") == "email" else "SMS"
        return (f"Order {params.get('number')} ready at {params.get('store_id')}: "
                f"customer told by {label}")
    if code == ORDER_READY_UNTOLD:
        return (f"Order {params.get('number')} ready at {params.get('store_id')}: "
                f"no consent to tell the customer")
    if code == PAYMENT_RECEIVED:
        return (f"Payment received for order {params.get('number')}: "
                f"{params.get('total')} {params.get('currency')}")
    return code
