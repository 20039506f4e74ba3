"""The catalogue: accent-insensitive search and lookup by barcode or SKU."""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, and_, literal, or_, select
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.domain.errors import DomainError, NotFound
from clienteling.domain.gtin import GTIN_LENGTHS, validate_gtin
from clienteling.domain.text import fold, fold_tokens
from clienteling.server import wire
from clienteling.server.products.models import ProductRow


def search_text(*, name: str, brand: str, category: str, sku: str, ean: str | None) -> str:
    """The folded text a product is searched by (`ProductRow.search_text`): every writer of a
    product sets it with this function so search sees what the row says."""
    return fold(" ".join(p for p in (name, brand, category, sku, ean or "") if p))[:600]


def printable(text: str) -> str:
    """`text` without control characters (scanners add GS, CR; NUL cannot reach the database)."""
    return "".join(ch for ch in text if ch.isprintable()).strip()


def search_products(session: Session, *, q: str, limit: int) -> list[w.Product]:
    """Products whose name, brand, category, SKU or EAN hold every word of `q` at a word start,
    or whose SKU or EAN starts with `q`; by name. An empty `q` lists the catalogue."""
    # Control characters (NUL, BEL…) come from no keyboard; format ones (ZWJ, RTL marks) do.
    if any(unicodedata.category(ch) == "Cc" and not ch.isspace() for ch in q):
        raise DomainError("search.invalid", "The search holds control characters.")
    raw = printable(q)
    tokens = fold_tokens(raw)
    if not raw:
        rows = session.scalars(
            select(ProductRow).order_by(*_by_name(session)).limit(limit))
        return [wire.product(row) for row in rows]
    # Words are letters and digits only after folding, so they are safe inside LIKE patterns.
    padded = literal(" ") + ProductRow.search_text
    conditions = [and_(*(padded.like(f"% {token}%") for token in tokens))] if tokens else []
    if raw and " " not in raw:
        conditions.append(ProductRow.sku == raw)
        if raw.isascii() and raw.isdigit():
            conditions.append(and_(ProductRow.ean >= raw, ProductRow.ean < _next_prefix(raw)))
    if not conditions:
        return []
    rows = session.scalars(
        select(ProductRow).where(or_(*conditions))
        .order_by(*_by_name(session)).limit(limit))
    return [wire.product(row) for row in rows]


def _by_name(session: Session) -> tuple[ColumnElement[Any], ...]:
    """By folded name (search_text starts with it), in byte order on both databases: a locale
    collation would put "Écharpe" elsewhere on PostgreSQL than on SQLite."""
    text: ColumnElement[Any] = ProductRow.search_text.expression
    if session.get_bind().dialect.name == "postgresql":
        text = text.collate("C")
    return text, ProductRow.sku.expression


def _next_prefix(prefix: str) -> str:
    """The smallest string above every string that starts with `prefix` (code point order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def lookup_product(session: Session, *, code: str) -> w.Product:
    """The product of a scanned or typed EAN-13/EAN-8/UPC-A or SKU.

    A SKU wins when one matches exactly; otherwise a code shaped like a GTIN must carry a
    right check digit (422 `ean.check_digit`: scan again) and is looked up by EAN.
    """
    raw = printable(code)
    if not raw:
        raise DomainError("code.empty", "Scan or type a barcode or a SKU.")
    row = session.scalar(select(ProductRow).where(ProductRow.sku == raw))
    compact = raw.replace(" ", "")
    if row is None and compact.isascii() and compact.isdigit() and len(compact) in GTIN_LENGTHS:
        try:
            ean = validate_gtin(compact)
        except DomainError as error:
            raise DomainError(error.code, "The check digit does not match: scan again.") from error
        # A UPC-A is the EAN-13 with a leading zero: the catalogue may hold either form.
        forms = [ean, "0" + ean] if len(ean) == 12 else [ean]
        if len(ean) == 13 and ean.startswith("0"):
            forms.append(ean[1:])
        row = session.scalar(select(ProductRow).where(ProductRow.ean.in_(forms)).limit(1))
    if row is None:
        raise NotFound("product.not_found", "No product has this barcode or SKU.",
                         product_code=raw[:64])
    return wire.product(row)
