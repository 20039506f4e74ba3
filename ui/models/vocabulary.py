"""The core's vocabulary (order statuses, channels, interaction kinds, tiers) in the seller's
language, with the icon each one is drawn with."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.i18n import QT_TRANSLATE_NOOP

_CTX = "Vocabulary"

_STATUS = {
    "pending": QT_TRANSLATE_NOOP("Vocabulary", "Pending"),
    "confirmed": QT_TRANSLATE_NOOP("Vocabulary", "Confirmed"),
    "ready_for_pickup": QT_TRANSLATE_NOOP("Vocabulary", "Ready for pickup"),
    "collected": QT_TRANSLATE_NOOP("Vocabulary", "Collected"),
    "shipped": QT_TRANSLATE_NOOP("Vocabulary", "Shipped"),
    "delivered": QT_TRANSLATE_NOOP("Vocabulary", "Delivered"),
    "cancelled": QT_TRANSLATE_NOOP("Vocabulary", "Cancelled"),
    "returned": QT_TRANSLATE_NOOP("Vocabulary", "Returned"),
}
_CHANNEL = {
    "store": QT_TRANSLATE_NOOP("Vocabulary", "Store"),
    "web": QT_TRANSLATE_NOOP("Vocabulary", "Web"),
    "app": QT_TRANSLATE_NOOP("Vocabulary", "App"),
    "phone": QT_TRANSLATE_NOOP("Vocabulary", "Phone"),
    "email": QT_TRANSLATE_NOOP("Vocabulary", "Email"),
    "sms": QT_TRANSLATE_NOOP("Vocabulary", "SMS"),
    "customer_service": QT_TRANSLATE_NOOP("Vocabulary", "Customer service"),
}
_KIND = {
    "purchase": QT_TRANSLATE_NOOP("Vocabulary", "Purchase"),
    "order": QT_TRANSLATE_NOOP("Vocabulary", "Order"),
    "return": QT_TRANSLATE_NOOP("Vocabulary", "Return"),
    "complaint": QT_TRANSLATE_NOOP("Vocabulary", "Complaint"),
    "request": QT_TRANSLATE_NOOP("Vocabulary", "Request"),
    "contact": QT_TRANSLATE_NOOP("Vocabulary", "Contact"),
    "note": QT_TRANSLATE_NOOP("Vocabulary", "Note"),
    "consent": QT_TRANSLATE_NOOP("Vocabulary", "Consent"),
    "enrolment": QT_TRANSLATE_NOOP("Vocabulary", "Enrolment"),
    "wishlist": QT_TRANSLATE_NOOP("Vocabulary", "Wishlist"),
    "visit": QT_TRANSLATE_NOOP("Vocabulary", "Visit"),
    "feedback": QT_TRANSLATE_NOOP("Vocabulary", "Feedback"),
    "call": QT_TRANSLATE_NOOP("Vocabulary", "Call"),
    "email": QT_TRANSLATE_NOOP("Vocabulary", "Email"),
    "enrolled": QT_TRANSLATE_NOOP("Vocabulary", "Enrolment"),
}
_KIND_ICON = {
    "purchase": "cart", "order": "cart", "return": "back", "complaint": "warning",
    "request": "phone", "contact": "phone", "note": "note", "consent": "check",
    "enrolment": "user", "enrolled": "user", "wishlist": "heart", "visit": "store",
    "feedback": "check", "call": "phone", "email": "email",
}
_CHANNEL_ICON = {"email": "email", "phone": "phone", "sms": "phone", "store": "store",
                 "web": "search", "app": "phone"}
_TIER = {
    "member": QT_TRANSLATE_NOOP("Vocabulary", "Member"),
    "basic": QT_TRANSLATE_NOOP("Vocabulary", "Basic"),
    "silver": QT_TRANSLATE_NOOP("Vocabulary", "Silver"),
    "gold": QT_TRANSLATE_NOOP("Vocabulary", "Gold"),
    "platinum": QT_TRANSLATE_NOOP("Vocabulary", "Platinum"),
}
_FULFILLMENT = {
    "click_and_collect": QT_TRANSLATE_NOOP("Vocabulary", "Click and collect"),
    "home_delivery": QT_TRANSLATE_NOOP("Vocabulary", "Home delivery"),
    "in_store": QT_TRANSLATE_NOOP("Vocabulary", "In store"),
}
_SYNC = {
    "waiting": QT_TRANSLATE_NOOP("Vocabulary", "waiting to be sent"),
    "failed": QT_TRANSLATE_NOOP("Vocabulary", "not sent: needs your decision"),
}


def _word(table: dict[str, str], value: str | None) -> str:
    if not value:
        return ""
    source = table.get(value)
    if source is None:  # a value from a newer server: readable rather than hidden
        return value.replace("_", " ").capitalize()
    return QCoreApplication.translate(_CTX, source)


def status_label(status: str | None) -> str:
    return _word(_STATUS, status)


def channel_label(channel: str | None) -> str:
    return _word(_CHANNEL, channel)


def kind_label(kind: str | None) -> str:
    return _word(_KIND, kind)


def tier_label(tier: str | None) -> str:
    return _word(_TIER, tier)


def fulfillment_label(kind: str | None) -> str:
    return _word(_FULFILLMENT, kind)


def sync_label(sync: str | None) -> str:
    """"" for something the server has; otherwise what is happening to it."""
    return "" if not sync or sync == "synced" else _word(_SYNC, sync)


def kind_icon(kind: str | None, channel: str | None = None) -> str:
    """The icon name for a timeline entry: by kind, else by channel, else a clock."""
    return _KIND_ICON.get(kind or "") or _CHANNEL_ICON.get(channel or "") or "clock"


def format_card(card: str | None) -> str:
    """A card number grouped for reading aloud: "2900 0000 0001 8"."""
    if not card:
        return ""
    return " ".join(card[i:i + 4] for i in range(0, len(card), 4))


def format_phone(phone: str | None) -> str:
    """A phone number as people read it: French numbers "06 12 34 56 78", others in E.164."""
    if not phone:
        return ""
    from clienteling.domain.phones import to_e164  # phonenumbers: not before the window shows

    e164 = to_e164(phone)
    if e164 is None:
        return phone
    if e164.startswith("+33") and len(e164) == 12:
        national = "0" + e164[3:]
        return " ".join(national[i:i + 2] for i in range(0, 10, 2))
    return e164
