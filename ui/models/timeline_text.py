"""What a timeline entry says, in the seller's language: the one place where the timeline's
codes (`clienteling.domain.timeline`) become sentences.

An entry with a code is said from its code and parameters (amounts as money, statuses,
channels and fulfilment through the vocabulary); an entry without one (a seller's note, a
retailer's imported history), or with a code this version does not know, shows its summary as
it is. To add a code: its sentence here and in `domain.timeline`, then refresh the
translations (`python -m ui.i18n update`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from clienteling.domain import timeline
from clienteling.replica.views import TimelineEntry
from ui.i18n import format_money, format_number
from ui.models.vocabulary import channel_label, fulfillment_label

_CTX = "Timeline"

_ORDER_ONE = QT_TRANSLATE_NOOP("Timeline", "Order {number}: 1 item, {total}, {where}")
_ORDER_MANY = QT_TRANSLATE_NOOP("Timeline", "Order {number}: {items} items, {total}, {where}")
_AT_STORE = QT_TRANSLATE_NOOP("Timeline", "{fulfilment} at {store}")
_ENROLLED = QT_TRANSLATE_NOOP("Timeline", "Enrolled, card {card}")
_ENROLLED_CONSENTS = QT_TRANSLATE_NOOP("Timeline", "Enrolled, card {card}; consents: {consents}")
_GRANTED = QT_TRANSLATE_NOOP("Timeline", "{channel} consent granted ({source})")
_WITHDRAWN = QT_TRANSLATE_NOOP("Timeline", "{channel} consent withdrawn ({source})")

_READY_TOLD = QT_TRANSLATE_NOOP("Timeline", "Order {number} ready at {store}: customer told by "
                                            "{channel}")
_READY_UNTOLD = QT_TRANSLATE_NOOP("Timeline", "Order {number} ready at {store}: no consent to "
                                              "tell the customer")
_PAID = QT_TRANSLATE_NOOP("Timeline", "Payment received for order {number}: {total}")

_SOURCES = {
    "store": QT_TRANSLATE_NOOP("Timeline", "in store"),
    "import": QT_TRANSLATE_NOOP("Timeline", "imported"),
    "web": QT_TRANSLATE_NOOP("Timeline", "on the web"),
    "app": QT_TRANSLATE_NOOP("Timeline", "in the app"),
    "enrolment": QT_TRANSLATE_NOOP("Timeline", "at enrolment"),
}


def _tr(source: object) -> str:
    # (QT_TRANSLATE_NOOP is typed as returning object; it returns its text.)
    return QCoreApplication.translate(_CTX, str(source))


def _word(table: Mapping[str, object], value: Any) -> str:
    text = str(value or "")
    return _tr(table[text]) if text in table else text.replace("_", " ")


def _money(amount: Any, currency: Any) -> str:
    try:
        return format_money(Decimal(str(amount)), str(currency or "EUR"))
    except (InvalidOperation, ValueError):
        return f"{amount} {currency}"


def _order_placed(p: Mapping[str, Any]) -> str:
    items = int(p.get("items") or 0)
    fulfilment = str(p.get("fulfilment") or "")
    label = fulfillment_label(fulfilment)
    where = label[:1].lower() + label[1:]  # mid-sentence
    if fulfilment != timeline.HOME_DELIVERY and p.get("store_id"):
        where = _tr(_AT_STORE).format(fulfilment=where, store=p["store_id"])
    sentence = _tr(_ORDER_ONE if items == 1 else _ORDER_MANY)
    return sentence.format(number=p.get("number", ""), items=format_number(items),
                           total=_money(p.get("total"), p.get("currency")), where=where)


def _enrolled(p: Mapping[str, Any]) -> str:
    consents = [channel_label(str(c)) for c in p.get("consents") or []]
    if consents:
        return _tr(_ENROLLED_CONSENTS).format(card=p.get("card") or "",
                                              consents=", ".join(consents))
    return _tr(_ENROLLED).format(card=p.get("card") or "")


def _consent(granted: bool) -> Callable[[Mapping[str, Any]], str]:
    def say(p: Mapping[str, Any]) -> str:
        return _tr(_GRANTED if granted else _WITHDRAWN).format(
            channel=channel_label(str(p.get("channel") or "")),
            source=_word(_SOURCES, p.get("source")))
    return say


def _ready(told: bool) -> Callable[[Mapping[str, Any]], str]:
    def say(p: Mapping[str, Any]) -> str:
        if told:
            return _tr(_READY_TOLD).format(number=p.get("number", ""),
                                           store=p.get("store_id") or "",
                                           channel=channel_label(str(p.get("channel") or "")))
        return _tr(_READY_UNTOLD).format(number=p.get("number", ""),
                                         store=p.get("store_id") or "")
    return say


def _paid(p: Mapping[str, Any]) -> str:
    return _tr(_PAID).format(number=p.get("number", ""),
                             total=_money(p.get("total"), p.get("currency")))


_SAY: dict[str, Callable[[Mapping[str, Any]], str]] = {
    timeline.ORDER_PLACED: _order_placed,
    timeline.CUSTOMER_ENROLLED: _enrolled,
    timeline.CONSENT_GRANTED: _consent(True),
    timeline.CONSENT_WITHDRAWN: _consent(False),
    timeline.ORDER_READY_TOLD: _ready(True),
    timeline.ORDER_READY_UNTOLD: _ready(False),
    timeline.PAYMENT_RECEIVED: _paid,
}


def known_codes() -> frozenset[str]:
    """The codes that have their own sentence (a test checks every domain code is here)."""
    return frozenset(_SAY)


def entry_text(entry: TimelineEntry) -> str:
    """The sentence for `entry` in the current language (its summary when it has no code)."""
    say = _SAY.get(entry.code or "")
    if say is None:
        return entry.summary
    try:
        return say(entry.params)
    except (KeyError, TypeError, ValueError):  # parameters from a newer server
        return entry.summary
