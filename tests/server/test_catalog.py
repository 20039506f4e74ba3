"""Stores, catalogue search and barcode lookup, stock levels."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from clienteling.domain.gtin import with_check_digit
from clienteling.server.products.models import ProductRow
from clienteling.server.products.service import search_text
from clienteling.server.stock.models import StockRow
from tests.server.conftest import World

API = "/api/v1"


def ean_of(index: int) -> str:
    """The EAN the small world gives its product number `index` (1-based)."""
    return with_check_digit(f"376000000{index:03d}")


def test_stores_list_the_chain(client: TestClient, world: World) -> None:
    answer = client.get(f"{API}/stores", headers=world.auth())
    assert answer.status_code == 200
    stores = answer.json()
    assert [s["store_id"] for s in stores] == ["LYS01", "PAR01", "PAR02"]
    paris = next(s for s in stores if s["store_id"] == "PAR01")
    assert paris == {"store_id": "PAR01", "name": "Paris Rivoli", "address": "75 rue de Rivoli",
                     "postcode": "75001", "city": "Paris", "country": "FR",
                     "latitude": 48.86, "longitude": 2.347, "click_and_collect": True}


def skus(answer) -> list[str]:  # type: ignore[no-untyped-def]
    assert answer.status_code == 200, answer.text
    return [p["sku"] for p in answer.json()]


@pytest.mark.parametrize(("q", "expected"), [
    ("veste", ["SKU-1001"]),
    ("VESTE LAINE", ["SKU-1001"]),
    ("eclat", ["SKU-1003"]),             # "Éclat": accent-insensitive
    ("beaute", ["SKU-1003"]),            # the category
    ("maison durand", ["SKU-1005", "SKU-1001"]),  # the brand, by name: Écharpe < Veste
    ("durand veste", ["SKU-1001"]),      # every word must match
    ("sku-1004", ["SKU-1004"]),
    ("SKU-1004", ["SKU-1004"]),
    ("1002", ["SKU-1002"]),
    (ean_of(3), ["SKU-1003"]),           # the whole EAN
    ("3760000000", ["SKU-1004", "SKU-1005", "SKU-1003", "SKU-1002", "SKU-1001"]),  # EAN prefix
    ("ach", []),                         # words match at their start only
    ("velo", []),
    ("%", []),
    ("' OR 1=1 --", []),
])
def test_product_search(client: TestClient, world: World, q: str, expected: list[str]) -> None:
    assert skus(client.get(f"{API}/products", params={"q": q}, headers=world.auth())) == expected


def test_product_search_without_words_lists_the_catalogue_by_folded_name(client: TestClient,
                                                                  world: World) -> None:
    everything = skus(client.get(f"{API}/products", headers=world.auth()))
    assert everything == ["SKU-1004", "SKU-1005", "SKU-1003", "SKU-1002", "SKU-1001"]
    assert skus(client.get(f"{API}/products", params={"limit": 2}, headers=world.auth())) == (
        everything[:2])
    product = client.get(f"{API}/products", params={"q": "sac"}, headers=world.auth()).json()[0]
    assert product == {"sku": "SKU-1002", "ean": ean_of(2), "name": "Sac cabas cuir",
                       "brand": "Atelier Lune", "category": "Maroquinerie", "price": "249.90",
                       "currency": "EUR"}


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"limit": "x"},
                                    {"q": "x" * 201}, {"limit": 10**30}])
def test_product_search_refuses_bad_parameters(client: TestClient, world: World,
                                               params: dict) -> None:
    answer = client.get(f"{API}/products", params=params, headers=world.auth())
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"]


def test_search_text_holds_every_searchable_field() -> None:
    assert search_text(name="Parfum Éclat 50 ml", brand="Célestine", category="Beauté",
                       sku="SKU-1003", ean="3760000000031") == (
        "parfum eclat 50 ml celestine beaute sku 1003 3760000000031")


def test_search_finds_the_words_of_a_product_written_later(
        client: TestClient, world: World, sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        session.add(ProductRow(
            sku="SKU-2001", ean=None, name="Blouson Œillet", brand="Forêt", category="Mode",
            price=Decimal("59.00"), currency="EUR", updated_at=datetime.now(UTC),
            search_text=search_text(name="Blouson Œillet", brand="Forêt", category="Mode",
                                    sku="SKU-2001", ean=None)))
    assert skus(client.get(f"{API}/products", params={"q": "oeillet foret"},
                           headers=world.auth())) == ["SKU-2001"]


@pytest.mark.parametrize(("code", "sku"), [
    (ean_of(1), "SKU-1001"),
    (f" {ean_of(4)}\r\n", "SKU-1004"),    # a scanner's trailing CR/LF
    (f"\x1d{ean_of(5)}", "SKU-1005"),     # and its GS control character
    ("SKU-1002", "SKU-1002"),
])
def test_product_lookup_by_barcode_or_sku(client: TestClient, world: World, code: str,
                                          sku: str) -> None:
    answer = client.get(f"{API}/products/lookup", params={"code": code}, headers=world.auth())
    assert answer.status_code == 200, answer.text
    assert answer.json()["sku"] == sku


def test_product_lookup_finds_upc_a_and_ean_8(client: TestClient, world: World,
                                             sessions: sessionmaker[Session]) -> None:
    upc = with_check_digit("03600029145")  # UPC-A, stored as the EAN-13 with a leading zero
    ean8 = with_check_digit("9638507")
    with sessions() as session, session.begin():
        session.execute(update(ProductRow).where(ProductRow.sku == "SKU-1001")
                        .values(ean="0" + upc))
        session.execute(update(ProductRow).where(ProductRow.sku == "SKU-1002").values(ean=ean8))
    for code, sku in ((upc, "SKU-1001"), ("0" + upc, "SKU-1001"), (ean8, "SKU-1002")):
        answer = client.get(f"{API}/products/lookup", params={"code": code},
                            headers=world.auth())
        assert answer.status_code == 200, (code, answer.text)
        assert answer.json()["sku"] == sku


def test_product_lookup_errors(client: TestClient, world: World) -> None:
    def lookup(code: str):  # type: ignore[no-untyped-def]
        return client.get(f"{API}/products/lookup", params={"code": code}, headers=world.auth())

    wrong = ean_of(1)[:-1] + str((int(ean_of(1)[-1]) + 1) % 10)
    answer = lookup(wrong)
    assert answer.status_code == 422
    assert answer.json()["code"] == "ean.check_digit"
    assert "scan again" in answer.json()["detail"]
    missing = lookup(with_check_digit("400000000000"))
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["code"] == "product.not_found"
    assert lookup("NO-SUCH-SKU").json()["code"] == "product.not_found"
    assert lookup("\x00\x1d").json()["code"] == "code.empty"
    assert lookup("").status_code == 422
    assert lookup("9" * 600).status_code == 422


def test_stock_levels_of_several_skus(client: TestClient, world: World,
                                      sessions: sessionmaker[Session]) -> None:
    with sessions() as session, session.begin():
        session.execute(update(StockRow).where(StockRow.store_id == "PAR01",
                                               StockRow.sku == "SKU-1001").values(reserved=2))
    answer = client.get(f"{API}/stock", params=[("sku", "SKU-1001"), ("sku", "SKU-1004"),
                                                ("sku", "SKU-9999")], headers=world.auth())
    assert answer.status_code == 200, answer.text
    levels = answer.json()
    assert [(s["sku"], s["store_id"]) for s in levels] == [
        ("SKU-1001", "PAR01"), ("SKU-1001", "PAR02"), ("SKU-1004", "LYS01")]
    assert levels[0] == {"store_id": "PAR01", "sku": "SKU-1001", "on_hand": 5, "reserved": 2,
                         "available": 3, "updated_at": "2026-01-05T09:00:00Z"}
    only = client.get(f"{API}/stock", params=[("sku", "SKU-1001"), ("store_id", "PAR02")],
                      headers=world.auth())
    assert [s["store_id"] for s in only.json()] == ["PAR02"]


@pytest.mark.parametrize("params", [
    [],
    [("sku", f"SKU-{i}") for i in range(101)],
    [("sku", "bad sku with spaces")],
    [("sku", "SKU\x00")],
])
def test_stock_refuses_bad_sku_lists(client: TestClient, world: World, params: list) -> None:
    answer = client.get(f"{API}/stock", params=params, headers=world.auth())
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"


def test_catalogue_needs_a_signed_in_user(client: TestClient, world: World) -> None:
    for path in ("/stores", "/products", "/products/lookup?code=SKU-1001", "/stock?sku=SKU-1001"):
        assert client.get(API + path).status_code == 401
