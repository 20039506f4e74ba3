"""Order vocabulary and the status machine shared by the server and the app."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    WEB = "web"
    APP = "app"
    STORE = "store"
    PHONE = "phone"


class FulfillmentType(StrEnum):
    CLICK_AND_COLLECT = "click_and_collect"
    HOME_DELIVERY = "home_delivery"
    IN_STORE = "in_store"


class PaymentMode(StrEnum):
    PAID_IN_STORE = "paid_in_store"
    PAY_AT_PICKUP = "pay_at_pickup"
    PAYMENT_LINK = "payment_link"


class PaymentStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"


def initial_payment_status(mode: str) -> PaymentStatus:
    """Paid at the till is paid at once; pay at pickup and a payment link wait."""
    return PaymentStatus.PAID if mode == PaymentMode.PAID_IN_STORE else PaymentStatus.PENDING


def assumed_payment_status(mode: str, status: str) -> PaymentStatus:
    """The payment of an order that never recorded one (imported history): collected or
    delivered orders were paid; the others as they were placed (migration 0008 says the same)."""
    if status in ("collected", "delivered"):
        return PaymentStatus.PAID
    return initial_payment_status(mode)


class OrderStatus(StrEnum):
    PENDING = "pending"  # imported history only: not yet reserved
    CONFIRMED = "confirmed"
    READY_FOR_PICKUP = "ready_for_pickup"
    COLLECTED = "collected"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"  # imported history: a purchase brought back


TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.CONFIRMED: frozenset(
        {OrderStatus.READY_FOR_PICKUP, OrderStatus.SHIPPED, OrderStatus.CANCELLED}
    ),
    OrderStatus.READY_FOR_PICKUP: frozenset({OrderStatus.COLLECTED, OrderStatus.CANCELLED}),
    OrderStatus.SHIPPED: frozenset({OrderStatus.DELIVERED}),
}

# Statuses in which an order still holds reserved stock.
RESERVING = frozenset({OrderStatus.CONFIRMED, OrderStatus.READY_FOR_PICKUP})
# Click-and-collect orders still to be handed over: they keep the customer in the pickup
# store's scope.
OPEN_PICKUP = RESERVING


def can_move(current: str, target: str, fulfillment: str) -> bool:
    """Whether `current → target` is allowed for an order fulfilled as `fulfillment`."""
    try:
        src, dst = OrderStatus(current), OrderStatus(target)
    except ValueError:
        return False
    if dst not in TRANSITIONS.get(src, frozenset()):
        return False
    if dst is OrderStatus.READY_FOR_PICKUP:
        return fulfillment == FulfillmentType.CLICK_AND_COLLECT
    if dst is OrderStatus.SHIPPED:
        return fulfillment == FulfillmentType.HOME_DELIVERY
    return True


DELIVERY_FEES = {"standard": "4.90", "express": "9.90", "store_courier": "0.00"}
