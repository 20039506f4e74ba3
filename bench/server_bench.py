"""Central API benchmark: card lookup, search, concurrent orders, feed streaming, import speed.

Measured through HTTP on loopback against a real `clienteling server run`, on PostgreSQL or SQLite:

    .venv/bin/python bench/server_bench.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench \
        --customers 1000000 --files /tmp/bench-data

It generates the import files with bench/gen_data.py when --files has none, imports them (timed),
starts the server, then measures. Figures go to stdout as JSON lines and a summary table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PASSWORD = "bench-password-123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run([PYTHON, "-m", "clienteling.cli", *args], input=stdin, text=True,
                          capture_output=True, env={**os.environ, **(env or {})}, check=False)
    if proc.returncode != 0:
        sys.exit(f"clienteling {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout + proc.stderr


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(samples: list[str], call: Callable[[str], requests.Response]) -> dict[str, float]:
    durations = []
    for sample in samples:
        start = time.perf_counter()
        answer = call(sample)
        durations.append((time.perf_counter() - start) * 1000)
        if answer.status_code >= 500:
            sys.exit(f"server error {answer.status_code} for {sample!r}: {answer.text[:200]}")
    return {"n": len(durations), "p50_ms": round(percentile(durations, 50), 2),
            "p95_ms": round(percentile(durations, 95), 2),
            "mean_ms": round(statistics.fmean(durations), 2)}


def report(name: str, figures: dict) -> None:
    print(json.dumps({"bench": name, **figures}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--files", type=Path, default=Path("/tmp/clienteling-bench-data"))
    parser.add_argument("--skip-load", action="store_true", help="reuse the loaded database")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--order-clients", type=int, default=20)
    parser.add_argument("--orders", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    env = {"CLIENTELING_DATABASE_URL": args.database_url}

    if not args.skip_load:
        marker = args.files / f".customers-{args.customers}"
        if not marker.exists():
            args.files.mkdir(parents=True, exist_ok=True)
            subprocess.run([PYTHON, str(ROOT / "bench" / "gen_data.py"), "--customers",
                            str(args.customers), "--out", str(args.files)], check=True)
            marker.touch()
        from clienteling.server.migrate import reset_schema

        reset_schema(args.database_url)
        start = time.perf_counter()
        out = cli("server", "import", str(args.files), "--database-url", args.database_url)
        elapsed = time.perf_counter() - start
        print(out[-3000:], file=sys.stderr)  # the importer's rows/s per file
        report("import_all_files", {"seconds": round(elapsed, 1)})
        engine = sa.create_engine(args.database_url)
        with engine.begin() as conn:
            stores = [r[0] for r in conn.execute(sa.text("SELECT store_id FROM stores"))]
        engine.dispose()
        cli("server", "add-user", "bench", "--role", "admin", "--store", stores[0],
            "--database-url", args.database_url, stdin=PASSWORD + "\n")

    engine = sa.create_engine(args.database_url)
    rng = random.Random(7)
    with engine.connect() as conn:
        n_customers = conn.scalar(sa.text("SELECT count(*) FROM customers"))
        n_orders = conn.scalar(sa.text("SELECT count(*) FROM orders"))
        picks = conn.execute(sa.text(
            "SELECT loyalty_card, last_name, first_name, email, phone FROM customers "
            "WHERE customer_id IN (SELECT customer_id FROM customers ORDER BY customer_id "
            "LIMIT :n OFFSET :o)"), {"n": args.samples, "o": rng.randrange(
                max(1, n_customers - args.samples))}).all()
        home = conn.scalar(sa.text(
            "SELECT home_store_id FROM customers GROUP BY home_store_id "
            "ORDER BY count(*) DESC LIMIT 1"))
        bench_store = conn.scalar(sa.text(
            "SELECT store_id FROM staff_users WHERE username = 'bench'"))
        skus = [r[0] for r in conn.execute(sa.text(
            "SELECT sku FROM stock WHERE store_id = :s ORDER BY sku LIMIT 50"), {"s": bench_store})]
        customer_ids = [r[0] for r in conn.execute(sa.text(
            "SELECT customer_id FROM customers ORDER BY customer_id LIMIT 200"))]
    report("dataset", {"customers": n_customers, "orders": n_orders,
                       "database": engine.dialect.name})

    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "--factory", "clienteling.server.app:create_app", "--host",
         "127.0.0.1", "--port", str(port), "--workers", str(args.workers), "--log-level",
         "warning", "--no-access-log"],
        env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                sys.exit("server did not start")
            time.sleep(0.2)
        http = requests.Session()
        token = http.post(f"{base}/api/v1/auth/login", json={
            "username": "bench", "password": PASSWORD, "device_name": "bench"}).json()
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        http.headers.update(auth)
        api = f"{base}/api/v1"

        # Warm up connections and caches.
        for card, *_ in picks[:50]:
            http.get(f"{api}/customers/lookup", params={"code": card})
        report("card_lookup", timed([p[0] for p in picks], lambda c: http.get(
            f"{api}/customers/lookup", params={"code": c})))
        report("search_name", timed([p[1][:5] for p in picks], lambda q: http.get(
            f"{api}/customers", params={"q": q, "limit": 50})))
        report("search_full_name", timed([f"{p[2]} {p[1]}" for p in picks], lambda q: http.get(
            f"{api}/customers", params={"q": q, "limit": 50})))
        report("search_email", timed([p[3] for p in picks if p[3]], lambda q: http.get(
            f"{api}/customers", params={"q": q, "limit": 50})))
        report("search_phone", timed([p[4] for p in picks if p[4]], lambda q: http.get(
            f"{api}/customers", params={"q": q, "limit": 50})))

        # Concurrent order creation on a few SKUs: throughput and no oversell.
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE stock SET on_hand = 100000, reserved = 0 "
                                 "WHERE sku = ANY(:s)" if engine.dialect.name == "postgresql"
                                 else "UPDATE stock SET on_hand = 100000, reserved = 0"),
                         {"s": skus[1:]} if engine.dialect.name == "postgresql" else {})
            hot = skus[0]
            conn.execute(sa.text("UPDATE stock SET on_hand = 0, reserved = 0 WHERE sku = :s"),
                         {"s": hot})
            conn.execute(sa.text("UPDATE stock SET on_hand = 50 WHERE sku = :s AND store_id = :st"),
                         {"s": hot, "st": bench_store})
        results = {"created": 0, "short": 0, "other": 0, "hot_sold": 0}
        lock = threading.Lock()
        per_client = args.orders // args.order_clients

        def client(index: int) -> None:
            session = requests.Session()
            session.headers.update(auth)
            local = random.Random(index)
            for n in range(per_client):
                sku = hot if n % 10 == 0 else local.choice(skus[1:])
                body = {"customer_id": local.choice(customer_ids),
                        "fulfillment": {"type": "click_and_collect", "store_id": bench_store},
                        "lines": [{"sku": sku, "quantity": 1}],
                        "payment": {"mode": "pay_at_pickup"}, "origin_store_id": bench_store}
                answer = session.post(f"{api}/orders", json=body,
                                      headers={"Idempotency-Key": f"bench-{index}-{n}-{port}"})
                with lock:
                    if answer.status_code == 201:
                        results["created"] += 1
                        results["hot_sold"] += sku == hot
                    elif answer.status_code == 409:
                        results["short"] += 1
                    else:
                        results["other"] += 1
                        print(answer.status_code, answer.text[:300], file=sys.stderr)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.order_clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        with engine.connect() as conn:
            oversold = conn.scalar(sa.text(
                "SELECT count(*) FROM stock WHERE reserved > on_hand"))
            hot_reserved = conn.scalar(sa.text(
                "SELECT coalesce(sum(reserved), 0) FROM stock WHERE sku = :s"), {"s": hot})
        report("orders_concurrent", {
            "clients": args.order_clients, "seconds": round(elapsed, 2),
            "orders_per_s": round(results["created"] / elapsed, 1), **results,
            "hot_stock": 50, "hot_reserved": hot_reserved, "rows_oversold": oversold})

        # A store's full sync feed, as a device of the busiest home store would download it.
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE staff_users SET store_id = :s WHERE username = 'bench'"),
                         {"s": home})
        cursor, total = None, 0
        start = time.perf_counter()
        while True:
            params = {"limit": 5000}
            if cursor:
                params["cursor"] = cursor
            page = http.get(f"{api}/sync/changes", params=params).json()
            total += len(page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        elapsed = time.perf_counter() - start
        report("feed_full_store", {"store": home, "entities": total,
                                   "seconds": round(elapsed, 2),
                                   "entities_per_s": round(total / elapsed)})
    finally:
        server.terminate()
        server.wait(timeout=30)
        engine.dispose()


if __name__ == "__main__":
    main()
