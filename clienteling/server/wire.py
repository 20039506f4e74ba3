"""Database rows → wire models (clienteling.api.models): the one conversion the routers and the
change feed share, so a device receives in the feed exactly what the API answers."""

from __future__ import annotations

from decimal import Decimal

from clienteling.api import models as w
from clienteling.domain.orders import (
    Channel,
    FulfillmentType,
    OrderStatus,
    PaymentMode,
    PaymentStatus,
    assumed_payment_status,
)
from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
from clienteling.server.orders.models import OrderRow
from clienteling.server.products.models import ProductRow
from clienteling.server.stock.models import StockRow
from clienteling.server.stores.models import StoreRow


def store(row: StoreRow) -> w.Store:
    return w.Store.model_validate(row)


def product(row: ProductRow) -> w.Product:
    return w.Product.model_validate(row)


def stock(row: StockRow) -> w.StockLevel:
    return w.StockLevel(
        store_id=row.store_id, sku=row.sku, on_hand=row.on_hand, reserved=row.reserved,
        available=max(row.on_hand - row.reserved, 0), updated_at=row.updated_at,
    )


def customer(row: CustomerRow, stats: w.CustomerStats | None = None) -> w.Customer:
    return w.Customer(
        customer_id=row.customer_id, first_name=row.first_name, last_name=row.last_name,
        email=row.email, phone=row.phone, birth_date=row.birth_date,
        home_store_id=row.home_store_id,
        loyalty=w.Loyalty(card=row.loyalty_card, tier=row.tier, points=row.points),
        consents=w.Consents(
            email=w.Consent(granted=row.consent_email, at=row.consent_email_at,
                            source=row.consent_email_source),
            sms=w.Consent(granted=row.consent_sms, at=row.consent_sms_at,
                          source=row.consent_sms_source),
        ),
        assigned_seller_id=row.assigned_seller_id, version=row.version,
        created_at=row.created_at, updated_at=row.updated_at,
        stats=stats or w.CustomerStats(),
    )


def customer_summary(row: CustomerRow) -> w.CustomerSummary:
    return w.CustomerSummary(
        customer_id=row.customer_id, first_name=row.first_name, last_name=row.last_name,
        email=row.email, phone=row.phone, card=row.loyalty_card, tier=row.tier,
        home_store_id=row.home_store_id,
    )


def wishlist_item(row: WishlistRow, product_row: ProductRow | None = None) -> w.WishlistItem:
    return w.WishlistItem(
        customer_id=row.customer_id, sku=row.sku, added_at=row.added_at,
        product=product(product_row) if product_row is not None else None,
    )


def interaction(row: InteractionRow) -> w.Interaction:
    return w.Interaction.model_validate(row)


def order(row: OrderRow, names: dict[str, str] | None = None) -> w.Order:
    names = names or {}
    return w.Order(
        order_number=row.order_number, customer_id=row.customer_id,
        channel=Channel(row.channel), status=OrderStatus(row.status),
        created_at=row.created_at, updated_at=row.updated_at,
        fulfillment=w.OrderFulfillment(
            type=FulfillmentType(row.fulfillment_type), store_id=row.fulfillment_store_id,
            address=row.address,
            method=row.delivery_method, fee=row.delivery_fee,
        ),
        lines=[
            w.OrderLine(sku=line.sku, quantity=line.quantity, unit_price=line.unit_price,
                        source_store_id=line.source_store_id, name=names.get(line.sku))
            for line in row.lines
        ],
        total=row.total, currency=row.currency, pickup_code=row.pickup_code,
        payment_mode=PaymentMode(row.payment_mode) if row.payment_mode else None,
        origin_store_id=row.origin_store_id,
        fee=w.Fee(amount=row.delivery_fee or Decimal("0"), currency=row.currency),
        # (The importer builds rows of its own columns only: imported orders have none of these.)
        ready_by=getattr(row, "ready_by", None), delivery_by=getattr(row, "delivery_by", None),
        payment=order_payment(row),
    )


def order_payment(row: OrderRow) -> w.OrderPayment | None:
    if not row.payment_mode:
        return None
    mode = PaymentMode(row.payment_mode)
    status = getattr(row, "payment_status", None) or assumed_payment_status(
        mode, row.status).value
    return w.OrderPayment(mode=mode, status=PaymentStatus(status),
                          payment_url=getattr(row, "payment_url", None),
                          receipt=getattr(row, "payment_receipt", None))
