"""`server/stock/service.py` is the only writer of `on_hand` and `reserved`: read in the
sources (no other module builds, inserts, updates or deletes a stock row) and seen at run
time (every INSERT or UPDATE of the stock table comes from it, through orders and imports)."""

from __future__ import annotations

import ast
import re
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

import clienteling
from clienteling.server.stock.models import StockRow
from tests.server.conftest import World
from tests.server.test_import import GOOD, run, write
from tests.server.test_orders import add_customer, cc_body, post_order, stock_of

CORE = Path(clienteling.__file__).parent
WRITER = CORE / "server" / "stock" / "service.py"
ALLOWED = {WRITER, CORE / "server" / "stock" / "models.py"}
_SQL_WRITE = re.compile(r"\b(update|insert\s+into|delete\s+from)\s+\"?stock\b", re.IGNORECASE)


def stock_writes(source: str) -> list[str]:
    """Where `source` writes the stock table (or builds a row to be written)."""
    found: list[str] = []

    def names_stock(node: ast.AST) -> bool:
        return any(isinstance(n, ast.Name) and n.id == "StockRow" for n in ast.walk(node))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else "")
            if name == "StockRow":
                found.append(f"line {node.lineno}: builds a StockRow")
            elif name in {"update", "insert", "delete", "_insert", "_write"} and any(
                    names_stock(arg) for arg in node.args):
                found.append(f"line {node.lineno}: {name}() of the stock table")
        elif isinstance(node, ast.Attribute) and node.attr == "__table__" and names_stock(node):
            found.append(f"line {node.lineno}: StockRow.__table__")
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr in {"on_hand", "reserved"}:
                    found.append(f"line {node.lineno}: sets .{target.attr}")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and _SQL_WRITE.search(node.value)):
            found.append(f"line {node.lineno}: SQL writing the stock table")
    return found


def test_the_check_finds_each_kind_of_write() -> None:
    assert stock_writes("session.add(StockRow(store_id='A', sku='B', on_hand=1))")
    assert stock_writes("session.execute(update(StockRow).values(reserved=1))")
    assert stock_writes("_insert(session, StockRow, rows)")
    assert stock_writes("conn.execute(StockRow.__table__.insert(), rows)")
    assert stock_writes("row.on_hand = 3")
    assert stock_writes("row.reserved += 1")
    assert stock_writes("conn.exec_driver_sql('UPDATE stock SET reserved = 0')")
    assert not stock_writes("select(StockRow).where(StockRow.sku == sku)")
    assert not stock_writes("stock.reserve(session, sku=sku, quantity=1, stores=[], now=now)")


def test_no_module_but_the_stock_service_writes_stock() -> None:
    offenders = {
        str(path.relative_to(CORE)): found
        for path in sorted(CORE.rglob("*.py"))
        if path not in ALLOWED and "migrations" not in path.parts
        and (found := stock_writes(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


@pytest.fixture
def stock_statements(migrated_engine: sa.Engine) -> Iterator[list[tuple[str, bool]]]:
    """Every INSERT or UPDATE of the stock table run by any engine, with whether the stock
    service was on the stack."""
    seen: list[tuple[str, bool]] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if re.match(r"\s*(update|insert\s+into)\s+\"?stock\b", statement, re.IGNORECASE):
            stack = {Path(frame.filename) for frame in traceback.extract_stack()}
            seen.append((statement.split()[0].upper(), WRITER in stack))

    event.listen(sa.Engine, "before_cursor_execute", before)
    yield seen
    event.remove(sa.Engine, "before_cursor_execute", before)


def test_orders_and_imports_write_stock_through_the_service(
        stock_statements: list[tuple[str, bool]], client: TestClient, world: World,
        sessions: sessionmaker[Session], tmp_path: Path) -> None:
    add_customer(sessions, "C-STOCK", "PAR01")
    before = stock_of(sessions, "PAR01", "SKU-1001")
    placed = post_order(client, world, cc_body("C-STOCK", [("SKU-1001", 1)]))
    assert placed.status_code == 201, placed.text
    assert stock_of(sessions, "PAR01", "SKU-1001") == (before[0], before[1] + 1)
    number = placed.json()["order_number"]
    moved = client.post(f"/api/v1/orders/{number}/status", json={"status": "cancelled"},
                        headers=world.auth())
    assert moved.status_code == 200, moved.text
    assert stock_of(sessions, "PAR01", "SKU-1001") == before
    report = run(sessions, write(tmp_path / "in", GOOD))
    assert report.applied
    with sessions() as session:
        assert session.get(StockRow, ("LYS01", "MOD-00001")) is not None

    kinds = {kind for kind, _ in stock_statements}
    assert kinds == {"INSERT", "UPDATE"}  # the world, the order, its release, the import
    assert all(through for _, through in stock_statements), stock_statements
