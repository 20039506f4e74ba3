"""A small fixed chain (three stores, five products, their stock) for tests and examples."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from clienteling.domain.gtin import with_check_digit
from clienteling.server import wire
from clienteling.server.feed import service as feed
from clienteling.server.products.models import ProductRow
from clienteling.server.products.service import search_text
from clienteling.server.stock import service as stock
from clienteling.server.stores.models import StoreRow

STORES = [
    ("PAR01", "Paris Rivoli", "75 rue de Rivoli", "75001", "Paris", 48.8600, 2.3470, True),
    ("PAR02", "Paris Montparnasse", "31 rue du Départ", "75014", "Paris", 48.8420, 2.3210, True),
    ("LYS01", "Lyon Part-Dieu", "17 rue du Docteur Bouchut", "69003", "Lyon", 45.7610, 4.8570,
     False),
]
PRODUCTS = [
    ("SKU-1001", "Veste en laine", "Maison Durand", "Mode", "189.00"),
    ("SKU-1002", "Sac cabas cuir", "Atelier Lune", "Maroquinerie", "249.90"),
    ("SKU-1003", "Parfum Éclat 50 ml", "Célestine", "Beauté", "79.50"),
    ("SKU-1004", "Baskets Sprint", "Allure", "Chaussures", "119.00"),
    ("SKU-1005", "Écharpe cachemire", "Maison Durand", "Accessoires", "95.00"),
]
# (store, sku) → on hand. SKU-1004 is in stock only in Lyon: orders in Paris must source it there.
STOCK = {
    ("PAR01", "SKU-1001"): 5, ("PAR01", "SKU-1002"): 1, ("PAR01", "SKU-1003"): 20,
    ("PAR01", "SKU-1005"): 2, ("PAR02", "SKU-1001"): 3, ("PAR02", "SKU-1002"): 0,
    ("PAR02", "SKU-1003"): 4, ("LYS01", "SKU-1004"): 6, ("LYS01", "SKU-1002"): 2,
}


def small_world(session: Session, *, now: datetime) -> tuple[list[str], list[str]]:
    """Write the chain and its feed changes; returns (store ids, skus)."""
    for store_id, name, address, postcode, city, lat, lon, cc in STORES:
        row = StoreRow(store_id=store_id, name=name, address=address, postcode=postcode,
                       city=city, country="FR", latitude=lat, longitude=lon,
                       click_and_collect=cc, updated_at=now)
        session.add(row)
        session.flush()
        feed.record(session, entity="store", key=store_id, data=wire.store(row))
    for index, (sku, name, brand, category, price) in enumerate(PRODUCTS):
        ean = with_check_digit(f"376000000{index + 1:03d}")
        product = ProductRow(sku=sku, ean=ean, name=name, brand=brand, category=category,
                             price=Decimal(price), currency="EUR",
                             search_text=search_text(name=name, brand=brand,
                                                     category=category, sku=sku, ean=ean),
                             updated_at=now)
        session.add(product)
        session.flush()
        feed.record(session, entity="product", key=sku, data=wire.product(product))
    session.flush()
    stock.set_on_hand(session, STOCK, now=now)
    return [s[0] for s in STORES], [p[0] for p in PRODUCTS]
