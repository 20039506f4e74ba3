"""Sync benchmark: a device's first download from a local server, end to end, and a delta.

Writes a server database whose PAR01 store holds N customers with their orders, timeline and
wishlists (rows and feed changes written directly, the way an import does), starts
`clienteling server run` on it in its own process, then signs a device in through the façade
and times:

- the first sync (HTTP pages of the feed → replica, with its search index), in customers/s
  and changes/s;
- a delta of 1,000 changes made through the API (notes on 1,000 customers), pulled and
  applied.

    .venv/bin/python bench/sync_bench.py --customers 100000 --dir /tmp/sync-bench \
        [--encryption both|on|off]

`both` (the default) syncs two devices from the same server one after the other, one with
its replica encrypted (as the app does) and one in clear, and gives encrypted ÷ clear ratios.

`--first-sync both` (the default) compares, in one run and with encrypted replicas, the three
ways a new tablet comes up: replaying the feed page by page (`feed`, before snapshots), from
the store's snapshot when the server has none yet (`snapshot, cold`: the build is in the
time), and from the cached snapshot (`snapshot, cached`: the next tablets of the store).
`--first-sync feed` or `snapshot` runs one way (with `--encryption`).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from replica_bench import in_clear, machine, person  # noqa: E402

from clienteling.api import models as w  # noqa: E402
from clienteling.device import Device  # noqa: E402
from clienteling.domain.cards import card_from_serial  # noqa: E402
from clienteling.settings import Paths, Settings  # noqa: E402

PASSWORD = "bench-password-123"
STORE = "PAR01"
T0 = datetime(2022, 1, 1, tzinfo=UTC)
BATCH = 5000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_server(url: str, customers: int, orders_per: int) -> dict[str, Any]:
    """The small chain, a seller of PAR01, and `customers` of PAR01 with their things."""
    import sqlalchemy as sa

    from clienteling.server.auth.service import create_user
    from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
    from clienteling.server.customers.search import search_keys
    from clienteling.server.db import make_engine, make_sessionmaker
    from clienteling.server.demo.world import small_world
    from clienteling.server.feed.models import ChangeRow
    from clienteling.server.migrate import reset_schema
    from clienteling.server.orders.models import OrderLineRow, OrderRow

    start = time.perf_counter()
    reset_schema(url)
    if url.startswith("sqlite:///"):  # snapshots of an earlier run's database
        shutil.rmtree(url.removeprefix("sqlite:///") + ".snapshots", ignore_errors=True)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    with sessions() as session, session.begin():
        _, skus = small_world(session, now=T0)
        create_user(session, username="bench.seller", password=PASSWORD, role="seller",
                    store_id=STORE, display_name="Bench Seller")
        create_user(session, username="bench.admin", password=PASSWORD, role="admin",
                    store_id=STORE, display_name="Bench Admin")
    prices = {"SKU-1001": Decimal("189.00"), "SKU-1002": Decimal("249.90"),
              "SKU-1003": Decimal("79.50"), "SKU-1004": Decimal("119.00"),
              "SKU-1005": Decimal("95.00")}
    number = 0
    rows: dict[str, list[dict[str, Any]]] = {
        "customers": [], "orders": [], "lines": [], "interactions": [], "wishlist": [],
        "changes": []}

    def flush() -> None:
        with engine.begin() as conn:
            for table, key in ((CustomerRow.__table__, "customers"),
                               (OrderRow.__table__, "orders"),
                               (OrderLineRow.__table__, "lines"),
                               (InteractionRow.__table__, "interactions"),
                               (WishlistRow.__table__, "wishlist"),
                               (ChangeRow.__table__, "changes")):
                if rows[key]:
                    conn.execute(sa.insert(table), rows[key])
                    rows[key].clear()

    def change(entity: str, key: str, model: w.Wire) -> None:
        rows["changes"].append({"txid": 0, "entity": entity, "key": key, "op": "upsert",
                                "scope": "customer", "store_id": STORE,
                                "data": model.model_dump_json()})

    for i in range(customers):
        first, last, email, phone = person(i)
        cid = f"C{i:08d}"
        created = T0 + timedelta(minutes=i)
        card = card_from_serial(i + 1)
        keys = search_keys(first, last, email, phone, "FR")
        rows["customers"].append({
            "customer_id": cid, "loyalty_card": card, "first_name": first, "last_name": last,
            "email": email, "phone": phone, "birth_date": None, "home_store_id": STORE,
            "tier": "member", "points": i % 900, "consent_email": i % 3 == 0,
            "consent_email_at": created if i % 3 == 0 else None,
            "consent_email_source": "store" if i % 3 == 0 else None, "consent_sms": False,
            "consent_sms_at": None, "consent_sms_source": None, "assigned_seller_id": None,
            "version": 1, "created_at": created, "updated_at": created, **keys})
        change("customer", cid, w.Customer(
            customer_id=cid, first_name=first, last_name=last, email=email, phone=phone,
            home_store_id=STORE, loyalty=w.Loyalty(card=card, tier="member", points=i % 900),
            consents=w.Consents(email=w.Consent(granted=i % 3 == 0,
                                                at=created if i % 3 == 0 else None,
                                                source="store" if i % 3 == 0 else None)),
            version=1, created_at=created, updated_at=created))
        for k in range(orders_per):
            number += 1
            sku = skus[(i + k) % len(skus)]
            at = created + timedelta(days=30 * k + 1)
            order_number = f"PAR01-B{number:09d}"
            status = "collected" if k else "confirmed"
            rows["orders"].append({
                "order_number": order_number, "customer_id": cid, "channel": "store",
                "status": status, "fulfillment_type": "click_and_collect",
                "fulfillment_store_id": STORE, "address": None, "delivery_method": None,
                "delivery_fee": None, "payment_mode": "pay_at_pickup", "origin_store_id": STORE,
                "pickup_code": "ABC123", "total": prices[sku], "currency": "EUR",
                "created_at": at, "updated_at": at})
            rows["lines"].append({"order_number": order_number, "line_no": 1, "sku": sku,
                                  "quantity": 1, "unit_price": prices[sku],
                                  "source_store_id": STORE})
            change("order", order_number, w.Order(
                order_number=order_number, customer_id=cid, channel="store", status=status,
                created_at=at, updated_at=at,
                fulfillment=w.OrderFulfillment(type="click_and_collect", store_id=STORE),
                lines=[w.OrderLine(sku=sku, quantity=1, unit_price=prices[sku],
                                   source_store_id=STORE)],
                total=prices[sku], currency="EUR", pickup_code="ABC123",
                payment_mode="pay_at_pickup", origin_store_id=STORE))
        iid = f"I{i:08d}"
        rows["interactions"].append({
            "interaction_id": iid, "customer_id": cid, "occurred_at": created + timedelta(days=3),
            "channel": "phone", "kind": "request",
            "summary": "Demande de disponibilité d'un article", "store_id": None,
            "author": "Service client"})
        change("interaction", iid, w.Interaction(
            interaction_id=iid, customer_id=cid, occurred_at=created + timedelta(days=3),
            channel="phone", kind="request", summary="Demande de disponibilité d'un article",
            author="Service client"))
        if i % 2 == 0:
            sku = skus[i % len(skus)]
            rows["wishlist"].append({"customer_id": cid, "sku": sku, "added_at": created})
            change("wishlist_item", f"{cid}/{sku}",
                   w.WishlistItem(customer_id=cid, sku=sku, added_at=created))
        if len(rows["changes"]) >= BATCH:
            flush()
    flush()
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    with engine.connect() as conn:
        feed_rows = conn.execute(sa.select(sa.func.count()).select_from(ChangeRow.__table__)
                                 ).scalar_one()
    engine.dispose()
    return {"seconds": round(time.perf_counter() - start, 1), "feed_rows": feed_rows}


def start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("clienteling")), "server", "run",
         "--database-url", url, "--host", "127.0.0.1", "--port", str(port)],
        stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                return process
        except requests.RequestException:
            pass
        if process.poll() is not None:
            sys.exit(f"the server stopped: see {log}")
        time.sleep(0.2)
    process.kill()
    sys.exit("the server did not start in 120 s")


def delta(server: str, customers: int, count: int) -> None:
    """`count` notes through the API, on as many customers: `count` feed changes."""
    http = requests.Session()
    token = http.post(f"{server}/api/v1/auth/login", timeout=30, json={
        "username": "bench.admin", "password": PASSWORD, "device_name": "bench"}
    ).json()["access_token"]
    http.headers["Authorization"] = f"Bearer {token}"
    rng = random.Random(3)
    for cid in rng.sample(range(customers), count):
        answer = http.post(f"{server}/api/v1/customers/C{cid:08d}/notes", timeout=30,
                           json={"text": "Rappeler pour la nouvelle collection"})
        answer.raise_for_status()


@contextlib.contextmanager
def first_sync_by(way: str) -> Iterator[None]:
    """`feed`: the device pulls page by page even when the server has a snapshot."""
    import clienteling.sync.engine as engine

    real = engine.pull
    if way == "feed":
        engine.pull = functools.partial(real, use_snapshot=False)  # type: ignore[assignment]
    try:
        yield
    finally:
        engine.pull = real  # type: ignore[assignment]


def first_sync(base: str, device: Path, customers: int, page_size: int,
               delta_too: bool = True) -> dict[str, Any]:
    """Sign a new device in, time its first sync, then a delta of 1,000 API changes."""
    report: dict[str, Any] = {}
    Settings(page_size=page_size, read_timeout_seconds=120.0).save(Paths.for_user(device))
    with Device(device) as facade:
        facade.session.sign_in(base, "bench.seller", PASSWORD)
        pages: list[int] = []
        start = time.perf_counter()
        status = facade.sync.sync_now(progress=lambda p: pages.append(p.changes))
        seconds = time.perf_counter() - start
        assert status.state == "online", status
        counts = facade.sync.replica_info()["counts"]
        report["first sync"] = {
            "seconds": round(seconds, 2), "pages": len(pages), "changes": pages[-1],
            "customers": counts["customer"], "orders": counts["order"],
            "customers_per_s": round(counts["customer"] / seconds),
            "changes_per_s": round(pages[-1] / seconds)}
        if not delta_too:
            return report
        delta(base, customers, 1000)
        start = time.perf_counter()
        pages.clear()
        facade.sync.sync_now(progress=lambda p: pages.append(p.changes))
        report["delta of 1,000 changes"] = {
            "seconds": round(time.perf_counter() - start, 3),
            "changes": pages[-1] if pages else 0}
        size = Path(facade.sync.replica_info()["path"]).stat().st_size
        report["replica MB per 100k customers"] = round(
            size / 1e6 / (counts["customer"] / 100_000), 1)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders-per-customer", type=int, default=3)
    parser.add_argument("--database-url", help="default: a SQLite file in --dir")
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--page-size", type=int, default=5000)
    parser.add_argument("--encryption", choices=("both", "on", "off"), default="both")
    parser.add_argument("--first-sync", choices=("both", "feed", "snapshot"), default="both")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="clienteling-sync-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{folder / 'central.sqlite3'}"
    report: dict[str, Any] = {"machine": machine(), "customers": args.customers,
                              "database": url.split(":", 1)[0]}
    report["server data"] = build_server(url, args.customers, args.orders_per_customer)
    port = free_port()
    server = start_server(url, port, folder / "server.log")
    variants = {"both": ("encrypted", "clear"), "on": ("encrypted",), "off": ("clear",)}[
        args.encryption]
    if args.first_sync == "both":
        variants = ()
    try:
        base = f"http://127.0.0.1:{port}"
        if args.first_sync == "both":
            # Before (the feed) and after (the snapshot, built on demand then cached).
            for name, way in (("feed", "feed"), ("snapshot, cold", "snapshot"),
                              ("snapshot, cached", "snapshot")):
                report[f"load average before, {name}"] = os.getloadavg()[0]
                with first_sync_by(way):
                    report[name] = first_sync(
                        base, folder / f"device-{way}-{time.time_ns()}", args.customers,
                        args.page_size, delta_too=name != "snapshot, cold")
            feed_s = report["feed"]["first sync"]["seconds"]
            report["feed ÷ snapshot (seconds)"] = {
                name: round(feed_s / report[name]["first sync"]["seconds"], 2)
                for name in ("snapshot, cold", "snapshot, cached")}
        for name in variants:
            with in_clear(name == "clear"), first_sync_by(args.first_sync):
                report[f"load average before, {name}"] = os.getloadavg()[0]
                report[name] = first_sync(base, folder / f"device-{name}-{time.time_ns()}",
                                          args.customers, args.page_size)
    finally:
        server.terminate()
        server.wait(30)
    if len(variants) == 2:
        report["encrypted ÷ clear (seconds)"] = {
            "first sync": round(report["encrypted"]["first sync"]["seconds"]
                                / report["clear"]["first sync"]["seconds"], 2),
            "delta of 1,000 changes": round(
                report["encrypted"]["delta of 1,000 changes"]["seconds"]
                / report["clear"]["delta of 1,000 changes"]["seconds"], 2)}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
