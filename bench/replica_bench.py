"""Replica read benchmark: card lookup, customer search (FTS5 vs LIKE), the customer 360,
with the replica encrypted (SQLCipher, as the app opens it) and in clear, in one run.

Generates a replica file directly (through the same code that applies feed pages) holding a
chain's store scope: 1,000,000 customers, 3,000,000 orders, 1,000,000 timeline entries and
500,000 wishlist items by default, then measures through the façade the screens use:

    .venv/bin/python bench/replica_bench.py --customers 1000000 --dir /tmp/replica-bench \
        [--encryption both|on|off]

`both` (the default) makes two replicas, `DIR/encrypted` and `DIR/clear`, and measures them one
after the other, giving encrypted ÷ clear ratios. A second run on the same --dir reuses the
files. Figures go to stdout as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clienteling.device import Device  # noqa: E402
from clienteling.domain.cards import card_from_serial  # noqa: E402
from clienteling.domain.text import fold  # noqa: E402
from clienteling.replica import database  # noqa: E402
from clienteling.replica.apply import apply_changes  # noqa: E402
from clienteling.replica.database import Replica  # noqa: E402
from clienteling.replica.key import ReplicaKeys  # noqa: E402
from clienteling.server.demo import reference as ref  # noqa: E402
from clienteling.settings import Paths, Settings  # noqa: E402

SERVER = "http://127.0.0.1:9"  # never contacted: the benchmark reads the replica only
USER = "bench"
STORE = "PAR01"
T0 = datetime(2021, 1, 1, tzinfo=UTC)
BATCH = 20_000


@contextlib.contextmanager
def in_clear(clear: bool) -> Iterator[None]:
    """With `clear`, replicas open without encryption: the same SQLite (SQLCipher's, no key)
    and the same code, for the baseline of the ratios. Only the benchmarks do this."""
    if not clear:
        yield
        return
    keyed = database._key_for
    database._key_for = lambda path, keys: None
    try:
        yield
    finally:
        database._key_for = keyed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(durations: list[float]) -> dict[str, float]:
    return {"n": len(durations), "p50_ms": round(percentile(durations, 50), 3),
            "p95_ms": round(percentile(durations, 95), 3),
            "max_ms": round(max(durations), 3),
            "mean_ms": round(statistics.fmean(durations), 3)}


def timed(samples: list[Any], call: Callable[[Any], Any], warmup: int = 20) -> dict[str, float]:
    for sample in samples[:warmup]:
        call(sample)
    durations = []
    for sample in samples:
        start = time.perf_counter()
        call(sample)
        durations.append((time.perf_counter() - start) * 1000)
    return summary(durations)


# --- generating the replica -------------------------------------------------------------------


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def person(i: int) -> tuple[str, str, str, str]:
    rng = random.Random(i)
    names = ref.FEMALE_FIRST_NAMES if rng.random() < 0.6 else ref.MALE_FIRST_NAMES
    first, last = rng.choice(names), rng.choice(ref.LAST_NAMES)
    domain = rng.choice([d for d, _ in ref.EMAIL_DOMAINS])
    email = f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}{i}@{domain}"
    phone = f"0{rng.choice('67')}{i:08d}"
    return first, last, email, phone


def changes(customers: int, orders_per: int, skus: list[str]) -> Iterator[list[dict[str, Any]]]:
    """Feed-shaped pages: the stores and catalogue, then customers with their things."""
    page: list[dict[str, Any]] = []
    for store in ref.STORES:
        page.append({"entity": "store", "op": "upsert", "key": store.store_id, "data": {
            "store_id": store.store_id, "name": store.name, "address": store.address,
            "postcode": store.postcode, "city": store.city, "country": "FR",
            "latitude": store.latitude, "longitude": store.longitude,
            "click_and_collect": store.click_and_collect}})
    for n, sku in enumerate(skus):
        page.append({"entity": "product", "op": "upsert", "key": sku, "data": {
            "sku": sku, "ean": None, "name": f"Produit {n}", "brand": "Maison Durand",
            "category": "Mode", "price": f"{20 + n % 300}.00", "currency": "EUR"}})
        for store in ref.STORES[:11]:
            page.append({"entity": "stock", "op": "upsert", "key": f"{store.store_id}/{sku}",
                         "data": {"store_id": store.store_id, "sku": sku, "on_hand": n % 7,
                                  "reserved": 0, "available": n % 7,
                                  "updated_at": _ts(T0)}})
    yield page
    page = []
    number = 0
    for i in range(customers):
        first, last, email, phone = person(i)
        cid = f"C{i:08d}"
        created = T0 + timedelta(minutes=i % 2_000_000)
        page.append({"entity": "customer", "op": "upsert", "key": cid, "data": {
            "customer_id": cid, "first_name": first, "last_name": last, "email": email,
            "phone": phone, "birth_date": None, "home_store_id": STORE,
            "loyalty": {"card": card_from_serial(i + 1), "tier": "member", "points": i % 900},
            "consents": {"email": {"granted": i % 3 == 0, "at": None, "source": None},
                         "sms": {"granted": False, "at": None, "source": None}},
            "assigned_seller_id": None, "version": 1, "created_at": _ts(created),
            "updated_at": _ts(created)}})
        for k in range(orders_per):
            number += 1
            sku = skus[(i + k) % len(skus)]
            at = _ts(created + timedelta(days=30 * k + 1))
            page.append({"entity": "order", "op": "upsert", "key": f"O{number:09d}", "data": {
                "order_number": f"O{number:09d}", "customer_id": cid,
                "channel": ("store", "web", "app", "phone")[(i + k) % 4],
                "status": "collected" if k else "confirmed", "created_at": at,
                "updated_at": at,
                "fulfillment": {"type": "click_and_collect", "store_id": STORE,
                                "address": None, "method": None, "fee": None},
                "lines": [{"sku": sku, "quantity": 1, "unit_price": "49.00",
                           "source_store_id": STORE, "name": None}],
                "total": "49.00", "currency": "EUR", "pickup_code": "ABC123",
                "payment_mode": "pay_at_pickup", "origin_store_id": STORE}})
        page.append({"entity": "interaction", "op": "upsert", "key": f"I{i:08d}", "data": {
            "interaction_id": f"I{i:08d}", "customer_id": cid,
            "occurred_at": _ts(created + timedelta(days=3)), "channel": "phone",
            "kind": "request", "summary": "Demande de disponibilité d'un article",
            "store_id": None, "author": "Service client"}})
        if i % 2 == 0:
            page.append({"entity": "wishlist_item", "op": "upsert",
                         "key": f"{cid}/{skus[i % len(skus)]}", "data": {
                             "customer_id": cid, "sku": skus[i % len(skus)],
                             "added_at": _ts(created)}})
        if len(page) >= BATCH:
            yield page
            page = []
    if page:
        yield page


def generate(folder: Path, customers: int, orders_per: int) -> dict[str, Any]:
    paths = Paths.for_user(folder)
    settings = Settings(server_url=SERVER, username=USER, store_id=STORE, display_name="Bench",
                        role="seller")
    settings.save(paths)
    path = paths.replica_file(SERVER, USER)
    if path.exists():
        return {"generated": False, "path": str(path)}
    replica = Replica.open(path, ReplicaKeys.for_settings(paths, settings))
    skus = [f"SKU-{n:05d}" for n in range(2000)]
    start = time.perf_counter()
    applied = 0
    try:
        with replica.write() as conn:
            replica.set_meta(conn, "store_id", STORE)
        for page in changes(customers, orders_per, skus):
            with replica.write() as conn:
                applied += apply_changes(conn, page).count
                replica.set_meta(conn, "cursor", f"0-{applied}")
            if applied % 500_000 < BATCH:
                print(f"  applied {applied:,} changes, "
                      f"{applied / (time.perf_counter() - start):,.0f}/s", file=sys.stderr)
        with replica.write() as conn:
            replica.set_meta(conn, "complete", "1")
        with replica.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("ANALYZE")
    finally:
        replica.close()
    seconds = time.perf_counter() - start
    return {"generated": True, "path": str(path), "changes": applied,
            "seconds": round(seconds, 1), "changes_per_s": round(applied / seconds)}


# --- measuring -------------------------------------------------------------------------------


def queries(customers: int, rng: random.Random, count: int) -> dict[str, list[str]]:
    people = [person(rng.randrange(customers)) for _ in range(count)]
    return {
        "last name prefix (3-5 letters)": [fold(last)[: rng.randint(3, 5)]
                                           for _, last, _, _ in people],
        "first and last name": [f"{first} {last}" for first, last, _, _ in people],
        "email prefix": [email[: email.index("@") - 2] for _, _, email, _ in people],
        "phone, national, spaced": [" ".join(phone[i:i + 2] for i in range(0, 10, 2))
                                    for _, _, _, phone in people],
        "phone, partial digits": [phone[:7] for _, _, _, phone in people],
    }


def like_search(conn: Any, text: str, limit: int = 50) -> list[Any]:
    """The plain way: every folded word as LIKE '%word%' over the same terms, no index."""
    words = fold(text).replace("@", " ").replace(".", " ").split() or [text]
    where = " AND ".join("search_terms LIKE ?" for _ in words)
    return conn.exec_driver_sql(
        f"SELECT customer_id, first_name, last_name FROM customers WHERE {where} LIMIT ?",
        (*(f"%{w}%" for w in words), limit)).all()


def measure(folder: Path, customers: int, samples: int) -> dict[str, Any]:
    rng = random.Random(7)
    results: dict[str, Any] = {}
    with Device(folder) as facade:
        session = facade._context.session
        assert session is not None
        cards = [card_from_serial(rng.randrange(customers) + 1) for _ in range(samples)]
        results["card lookup (resolve_scan)"] = timed(cards, facade.scan.resolve_scan)
        ids = [f"C{rng.randrange(customers):08d}" for _ in range(samples)]
        results["customer 360"] = timed(ids, facade.customers.customer_360)
        view = facade.customers.customer_360(ids[0])
        results["customer 360 shape"] = {"orders": len(view.orders),
                                         "timeline": len(view.timeline),
                                         "wishlist": len(view.wishlist)}
        fts_all: list[float] = []
        like_all: list[float] = []
        search: dict[str, Any] = {}
        for kind, texts in queries(customers, rng, samples // 5).items():
            fts = timed(texts, lambda t: facade.customers.search_customers(t, 50))
            with session.replica.read() as conn:
                like = timed(texts[: max(20, len(texts) // 10)], lambda t: like_search(conn, t))
            hits = statistics.fmean(len(facade.customers.search_customers(t,
                                                                          50)) for t in texts[:50])
            search[kind] = {"fts": fts, "like": like, "mean_results": round(hits, 1),
                            "like_over_fts_p50": round(like["p50_ms"] / max(fts["p50_ms"],
                                                                             1e-6), 1)}
            fts_all.append(fts["p95_ms"])
            like_all.append(like["p95_ms"])
        results["search (first 50)"] = search
        results["search p95 worst kind ms"] = max(fts_all)
    path = Paths.for_user(folder).replica_file(SERVER, USER)
    size = path.stat().st_size
    results["replica bytes"] = size
    results["replica MB per 100k customers (with their orders)"] = round(
        size / 1e6 / (customers / 100_000), 1)
    return results


def machine() -> dict[str, Any]:
    import sqlite3

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cipher: dict[str, Any] = {}
    driver = database.sqlcipher
    if driver is not None:
        conn = driver.connect(":memory:")
        conn.execute("PRAGMA key = \"x'00'\"")
        cipher = {"replica sqlite (sqlcipher3)": driver.sqlite_version,
                  "sqlcipher": conn.execute("PRAGMA cipher_version").fetchone()[0]}
        conn.close()
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, **cipher, "system": platform.platform(),
            "load average": os.getloadavg()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--orders-per-customer", type=int, default=3)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/clienteling-replica-bench"))
    parser.add_argument("--encryption", choices=("both", "on", "off"), default="both")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure each variant this many times, alternating which is first")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": machine(), "customers": args.customers,
                              "orders": args.customers * args.orders_per_customer}
    variants = {"both": ("encrypted", "clear"), "on": ("encrypted",), "off": ("clear",)}[
        args.encryption]
    for name in variants:
        with in_clear(name == "clear"):
            report[f"generation, {name}"] = generate(args.dir / name, args.customers,
                                                     args.orders_per_customer)
            print(f"generated {name}: {report[f'generation, {name}']}", file=sys.stderr)
    # Rounds alternate which variant goes first (the first meets colder caches).
    for round_number in range(args.rounds):
        order = variants if round_number % 2 == 0 else tuple(reversed(variants))
        suffix = f", round {round_number + 1}" if args.rounds > 1 else ""
        for name in order:
            with in_clear(name == "clear"):
                report[f"load average before reads, {name}{suffix}"] = os.getloadavg()[0]
                report[f"reads, {name}{suffix}"] = measure(args.dir / name, args.customers,
                                                           args.samples)
        if len(variants) == 2:
            report[f"encrypted ÷ clear{suffix}"] = ratios(report, suffix)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


def ratios(report: dict[str, Any], suffix: str = "") -> dict[str, Any]:
    """Encrypted over clear for the figures the targets name (p50 and p95)."""
    on, off = report[f"reads, encrypted{suffix}"], report[f"reads, clear{suffix}"]
    pairs = {"card lookup": ("card lookup (resolve_scan)",), "customer 360": ("customer 360",)}
    out: dict[str, Any] = {}
    for label, (key,) in pairs.items():
        out[label] = {q: round(on[key][q] / max(off[key][q], 1e-6), 2)
                      for q in ("p50_ms", "p95_ms")}
    for kind in on["search (first 50)"]:
        a, b = on["search (first 50)"][kind]["fts"], off["search (first 50)"][kind]["fts"]
        out[f"search: {kind}"] = {q: round(a[q] / max(b[q], 1e-6), 2)
                                  for q in ("p50_ms", "p95_ms")}
    out["search p95 worst kind"] = round(
        on["search p95 worst kind ms"] / max(off["search p95 worst kind ms"], 1e-6), 2)
    gen_on, gen_off = report["generation, encrypted"], report["generation, clear"]
    if gen_on.get("generated") and gen_off.get("generated"):
        out["applying feed pages (changes/s, clear ÷ encrypted)"] = round(
            gen_off["changes_per_s"] / gen_on["changes_per_s"], 2)
    return out


if __name__ == "__main__":
    sys.exit(main())
