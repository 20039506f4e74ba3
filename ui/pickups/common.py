"""What the order, pickup and shortage screens share: reading an order with its customer in a
worker and the words for its payment and dates (the kit's QrCodeView paints the pickup
QR)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from clienteling.codes.qr import qr_matrix
from clienteling.domain import timeline
from clienteling.domain.errors import DomainError
from clienteling.replica.views import CustomerProfile, OrderView, TimelineEntry
from ui.i18n import format_date, format_money
from ui.models.vocabulary import fulfillment_label, status_label, sync_label

if TYPE_CHECKING:
    from clienteling.device import Device

# Orders that still hold stock: the ones a seller may cancel (the stock goes back).
OPEN = ("pending", "confirmed", "ready_for_pickup")


@dataclass(frozen=True)
class OrderPage:
    """An order with what its screens show beside it, read in one worker."""

    order: OrderView
    profile: CustomerProfile | None
    stores: dict[str, str]
    told: TimelineEntry | None  # the server's "customer told it is ready" entry, if any
    qr: list[list[bool]]


def load_order(device: Device, order_number: str) -> OrderPage:
    """In a worker: the order (replica, then the server online), its customer, the stores'
    names, whether the customer was told it is ready, and the pickup QR's matrix."""
    order = device.orders.order(order_number)
    return page_of(device, order)


def page_of(device: Device, order: OrderView) -> OrderPage:
    profile = None
    told = None
    try:
        view = device.customers.customer_360(order.customer_id)
    except DomainError:  # a customer out of reach: the order still shows
        view = None
    if view is not None:
        profile = view.profile
        told = next((e for e in view.timeline
                     if e.code in (timeline.ORDER_READY_TOLD, timeline.ORDER_READY_UNTOLD)
                     and (e.params or {}).get("number") == order.order_number), None)
    stores = {s.store_id: s.name for s in device.catalog.stores()}
    payload = order.pickup_payload
    return OrderPage(order=order, profile=profile, stores=stores, told=told,
                     qr=qr_matrix(payload, quick=True) if payload else [])


def first_counter_order(device: Device, groups: tuple[str, ...]) -> str | None:
    """In a worker: the number of the counter's first order in the first of `groups` that has
    one (to_prepare, ready, collected); None when the counter is empty."""
    counter = device.pickups.counter()
    found = {"to_prepare": counter.to_prepare, "ready": counter.ready,
             "collected": counter.collected_today}
    for group in groups:
        for order in found.get(group, ()):
            if order.order_number:
                return order.order_number
    return None


def effective_status(order: OrderView) -> str:
    """Where the order stands once its unsent move arrives."""
    return order.pending_status or order.status


def status_words(order: OrderView) -> str:
    if order.sync == "failed" and order.pending_status is None:
        return sync_label("failed")
    if order.sync == "waiting" and order.pending_status is None:
        return sync_label("waiting")
    words = status_label(order.status)
    if order.pending_status:
        words = QCoreApplication.translate(
            "Pickups", "%1 → %2 (waiting to be sent)").replace("%1", words).replace(
            "%2", status_label(order.pending_status))
    return words


def payment_words(order: OrderView) -> str:
    payment = order.payment
    mode = payment.mode if payment else order.payment_mode
    how = {"paid_in_store": QCoreApplication.translate("Pickups", "Paid at the till"),
           "pay_at_pickup": QCoreApplication.translate("Pickups", "Pay at pickup"),
           "payment_link": QCoreApplication.translate("Pickups", "Payment link"),
           }.get(mode or "", mode or "")
    if payment is None:
        return how or QCoreApplication.translate("Pickups", "Payment not recorded")
    state = (QCoreApplication.translate("Pickups", "paid") if payment.paid
             else QCoreApplication.translate("Pickups", "not paid yet"))
    words = f"{how} · {state}"
    if payment.receipt:
        words += " · " + QCoreApplication.translate("Pickups", "receipt %1").replace(
            "%1", payment.receipt)
    return words


def when_words(order: OrderView) -> str:
    if order.fulfillment_type == "click_and_collect":
        if order.ready_by is not None:
            return QCoreApplication.translate("Pickups", "Ready by %1").replace(
                "%1", format_date(order.ready_by))
        return QCoreApplication.translate(
            "Pickups", "Ready date: given by the server once the order is sent")
    if order.delivery_by is not None:
        return QCoreApplication.translate("Pickups", "Delivered by %1").replace(
            "%1", format_date(order.delivery_by))
    return fulfillment_label(order.fulfillment_type)


def told_words(told: TimelineEntry | None) -> str:
    if told is None:
        return ""
    if told.code == timeline.ORDER_READY_UNTOLD:
        return QCoreApplication.translate(
            "Pickups", "The customer could not be told (no consent to email or SMS): call them.")
    if (told.params or {}).get("channel") == "email":
        return QCoreApplication.translate(
            "Pickups", "The customer was told by email that the order is ready.")
    return QCoreApplication.translate(
        "Pickups", "The customer was told by SMS that the order is ready.")


def line_words(order: OrderView, stores: dict[str, str]) -> list[str]:
    """One sentence per line: quantity, product, price, where it is reserved."""
    lines = []
    for line in order.lines:
        name = line.name or line.sku
        text = f"{line.quantity} × {name}"
        if line.unit_price is not None:
            text += " · " + format_money(line.unit_price * line.quantity, order.currency)
        if line.source_store_id:
            text += " · " + QCoreApplication.translate("Pickups", "reserved at %1").replace(
                "%1", stores.get(line.source_store_id, line.source_store_id))
        elif order.sync != "synced":
            text += " · " + QCoreApplication.translate("Pickups", "reserved when sent")
        lines.append(text)
    return lines


def customer_name(profile: CustomerProfile | None, fallback: str = "") -> str:
    if profile is None:
        return fallback
    return f"{profile.first_name} {profile.last_name}".strip() or fallback


def html(text: Any) -> str:
    from html import escape

    return escape(str(text or ""))
