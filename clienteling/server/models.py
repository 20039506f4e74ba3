"""Every table of the central database, imported in one place so the metadata is complete."""

from clienteling.server.audit.models import AuditEntry
from clienteling.server.auth.models import (
    DeviceSession,
    LoginThrottle,
    RetiredRefreshToken,
    StaffUser,
)
from clienteling.server.clients.models import ExportRow, TaskRow
from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
from clienteling.server.db import Base
from clienteling.server.devices.models import DeviceOutboxReport
from clienteling.server.feed.models import ChangeRow
from clienteling.server.orders.models import IdempotencyRecord, OrderLineRow, OrderRow
from clienteling.server.privacy.models import ErasureRequest
from clienteling.server.products.models import ProductRow
from clienteling.server.stock.models import StockRow
from clienteling.server.stores.models import StoreRow

__all__ = [
    "AuditEntry",
    "Base",
    "ChangeRow",
    "CustomerRow",
    "DeviceOutboxReport",
    "DeviceSession",
    "ErasureRequest",
    "ExportRow",
    "IdempotencyRecord",
    "InteractionRow",
    "LoginThrottle",
    "OrderLineRow",
    "OrderRow",
    "ProductRow",
    "RetiredRefreshToken",
    "StaffUser",
    "StockRow",
    "StoreRow",
    "TaskRow",
    "WishlistRow",
]
