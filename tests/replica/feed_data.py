"""Feed changes built from the wire models, exactly as the server dumps them into the feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from clienteling.api import models as w
from clienteling.domain.cards import card_from_serial

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def change(entity: str, key: str, model: w.Wire | None) -> dict[str, Any]:
    if model is None:
        return {"entity": entity, "op": "delete", "key": key, "data": None}
    return {"entity": entity, "op": "upsert", "key": key,
            "data": model.model_dump(mode="json")}


def store(store_id: str, lat: float | None, lon: float | None, cc: bool = True) -> w.Store:
    return w.Store(store_id=store_id, name=f"Store {store_id}", address="1 rue X",
                   postcode="75001", city="Paris", country="FR", latitude=lat, longitude=lon,
                   click_and_collect=cc)


def product(sku: str, name: str, price: str = "10.00", ean: str | None = None) -> w.Product:
    return w.Product(sku=sku, ean=ean, name=name, brand="Maison Durand", category="Mode",
                     price=Decimal(price), currency="EUR")


def stock(store_id: str, sku: str, on_hand: int, reserved: int = 0) -> w.StockLevel:
    return w.StockLevel(store_id=store_id, sku=sku, on_hand=on_hand, reserved=reserved,
                        available=max(on_hand - reserved, 0), updated_at=T0)


def customer(customer_id: str, first: str, last: str, *, serial: int = 1,
             email: str | None = None, phone: str | None = None, version: int = 1,
             home: str = "PAR01", points: int = 0) -> w.Customer:
    return w.Customer(
        customer_id=customer_id, first_name=first, last_name=last, email=email, phone=phone,
        home_store_id=home, loyalty=w.Loyalty(card=card_from_serial(serial), tier="member",
                                              points=points),
        consents=w.Consents(), version=version, created_at=T0, updated_at=T0)


def order(number: str, customer_id: str, *, status: str = "confirmed", minutes: int = 0,
          lines: list[tuple[str, int, str]] | None = None, channel: str = "store",
          store_id: str = "PAR01", pickup_code: str | None = "ABCD1234") -> w.Order:
    lines = lines or [("SKU-1", 1, "10.00")]
    total = sum(Decimal(price) * quantity for _, quantity, price in lines)
    at = T0 + timedelta(minutes=minutes)
    return w.Order(
        order_number=number, customer_id=customer_id, channel=channel, status=status,
        created_at=at, updated_at=at,
        fulfillment=w.OrderFulfillment(type="click_and_collect", store_id=store_id),
        lines=[w.OrderLine(sku=sku, quantity=q, unit_price=Decimal(p), source_store_id=store_id)
               for sku, q, p in lines],
        total=total, currency="EUR", pickup_code=pickup_code, payment_mode="pay_at_pickup",
        origin_store_id=store_id)


def interaction(interaction_id: str, customer_id: str, summary: str, minutes: int = 0,
                kind: str = "note") -> w.Interaction:
    return w.Interaction(interaction_id=interaction_id, customer_id=customer_id,
                         occurred_at=T0 + timedelta(minutes=minutes), channel="store",
                         kind=kind, summary=summary, store_id="PAR01", author="seller1")


def wishlist(customer_id: str, sku: str) -> w.WishlistItem:
    return w.WishlistItem(customer_id=customer_id, sku=sku, added_at=T0)


def small_chain() -> list[dict[str, Any]]:
    """Three stores, three products, stock, two customers with orders, notes, a wishlist."""
    return [
        change("store", "PAR01", store("PAR01", 48.86, 2.347)),
        change("store", "PAR02", store("PAR02", 48.842, 2.321)),
        change("store", "LYS01", store("LYS01", 45.761, 4.857, cc=False)),
        change("product", "SKU-1", product("SKU-1", "Veste en laine", "189.00",
                                          ean="3760000000015")),
        change("product", "SKU-2", product("SKU-2", "Écharpe cachemire", "95.00")),
        change("product", "SKU-3", product("SKU-3", "Parfum Éclat", "79.50")),
        change("stock", "PAR01/SKU-1", stock("PAR01", "SKU-1", 5, 1)),
        change("stock", "PAR02/SKU-1", stock("PAR02", "SKU-1", 3)),
        change("stock", "PAR01/SKU-2", stock("PAR01", "SKU-2", 1)),
        change("stock", "LYS01/SKU-3", stock("LYS01", "SKU-3", 6)),
        change("customer", "C1", customer("C1", "Hélène", "Lefèvre", serial=1,
                                          email="Helene.Lefevre@Example.fr",
                                          phone="+33612345678")),
        change("customer", "C2", customer("C2", "Jean-Éloi", "O'Brien", serial=2,
                                          phone="06 98 76 54 32")),
        change("order", "O-1", order("O-1", "C1", status="collected", minutes=1,
                                     lines=[("SKU-1", 1, "189.00")], channel="web")),
        change("order", "O-2", order("O-2", "C1", status="confirmed", minutes=5,
                                     lines=[("SKU-2", 2, "95.00")])),
        change("order", "O-3", order("O-3", "C1", status="cancelled", minutes=7)),
        change("interaction", "I-1", interaction("I-1", "C1", "Aime le cachemire", 2)),
        change("interaction", "I-2", interaction("I-2", "C1", "A appelé le service client", 9,
                                                 kind="contact")),
        change("wishlist_item", "C1/SKU-3", wishlist("C1", "SKU-3")),
    ]
