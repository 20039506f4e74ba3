"""The import and the order path of two source trees side by side, in one run, on PostgreSQL:
what a change bought, as ratios on the same loaded machine.

    PYTHONPATH=. .venv/bin/python bench/before_after_bench.py --before /work/main --after . \\
        --files /tmp/bench-20k [--orders 2000] [--rounds 2] [--skip-import]

1. Import: `clienteling server import FILES` of each tree into its own fresh database
   (`<name>_before`, `<name>_after`), the rows/s of each file as the command prints them.
2. Orders: `clienteling server run --workers 2` of each tree in turn on the same database (the
   `after` one), 20 concurrent clients, each on its own kept-alive connection, placing
   click-and-collect orders of one line: one in ten on a hot SKU with 50 units in one store
   (the rest never short), before, after, before, after… The figures: orders/s, the answers
   that were not 201/409, and the shelves reserved beyond what they hold (must be 0).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
PASSWORD = "bench-password-123"
APPLIED = re.compile(r"^(\S+): applied ([\d,]+) rows \(([\d,]+) rows/s", re.M)


def load() -> float:
    return os.getloadavg()[0]


def cli(tree: Path, *args: str, stdin: str | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from clienteling.cli import main; sys.exit(main())",
         *args], input=stdin, text=True, capture_output=True, cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)}, check=False)
    if proc.returncode != 0:
        sys.exit(f"clienteling {' '.join(args)} ({tree}) failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout + proc.stderr


def fresh(url: str) -> None:
    admin = sa.create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    name = sa.make_url(url).database
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()


def report(name: str, figures: dict[str, Any]) -> None:
    print(json.dumps({"bench": name, **figures}), flush=True)


def import_files(label: str, tree: Path, url: str, files: Path) -> None:
    fresh(url)
    before = load()
    start = time.perf_counter()
    out = cli(tree, "server", "import", str(files), "--database-url", url)
    seconds = time.perf_counter() - start
    rates = {name: int(rate.replace(",", "")) for name, _rows, rate in APPLIED.findall(out)}
    report("import", {"tree": label, "seconds": round(seconds, 1), "rows_per_s": rates,
                      "load_before": round(before, 1), "load_after": round(load(), 1)})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def orders(label: str, tree: Path, url: str, total: int, clients: int) -> dict[str, Any]:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        store = conn.scalar(sa.text("SELECT store_id FROM staff_users WHERE username = 'bench'"))
        skus = [r[0] for r in conn.execute(sa.text(
            "SELECT sku FROM stock WHERE store_id = :s ORDER BY sku LIMIT 50"), {"s": store})]
        customers = [r[0] for r in conn.execute(sa.text(
            "SELECT customer_id FROM customers ORDER BY customer_id LIMIT 200"))]
        conn.execute(sa.text("UPDATE stock SET on_hand = 100000, reserved = 0 "
                             "WHERE sku = ANY(:s)"), {"s": skus[1:]})
        hot = skus[0]
        conn.execute(sa.text("UPDATE stock SET on_hand = 0, reserved = 0 WHERE sku = :s"),
                     {"s": hot})
        conn.execute(sa.text("UPDATE stock SET on_hand = 50 WHERE sku = :s AND store_id = :st"),
                     {"s": hot, "st": store})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "import sys; from clienteling.cli import main; sys.exit(main())",
         "server", "run", "--database-url", url, "--host", "127.0.0.1", "--port", str(port),
         "--workers", "2"], cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=1).ok:
                    break
            except requests.RequestException:  # not listening yet, or too busy to answer
                pass
            if time.monotonic() > deadline:
                sys.exit("server did not start")
            time.sleep(0.2)
        token = requests.post(f"{base}/api/v1/auth/login", json={
            "username": "bench", "password": PASSWORD, "device_name": "bench"}).json()
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        results = {"created": 0, "short": 0, "other": 0}
        lock = threading.Lock()

        def client(index: int) -> None:
            http = requests.Session()
            http.headers.update(auth)
            local = random.Random(index)
            for n in range(total // clients):
                sku = hot if n % 10 == 0 else local.choice(skus[1:])
                answer = http.post(f"{base}/api/v1/orders", json={
                    "customer_id": local.choice(customers),
                    "fulfillment": {"type": "click_and_collect", "store_id": store},
                    "lines": [{"sku": sku, "quantity": 1}],
                    "payment": {"mode": "pay_at_pickup"}, "origin_store_id": store},
                    headers={"Idempotency-Key": f"{label}-{port}-{index}-{n}"})
                with lock:
                    kind = {201: "created", 409: "short"}.get(answer.status_code, "other")
                    results[kind] += 1

        # Warm the workers' connections and caches (not counted).
        for _ in range(10):
            requests.get(f"{base}/api/v1/stores", headers=auth)
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        before = load()
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - start
        with engine.connect() as conn:
            oversold = conn.scalar(sa.text("SELECT count(*) FROM stock WHERE reserved > on_hand"))
            hot_reserved = conn.scalar(sa.text(
                "SELECT coalesce(sum(reserved), 0) FROM stock WHERE sku = :s"), {"s": hot})
        figures = {"tree": label, "clients": clients, "seconds": round(seconds, 1),
                   "orders_per_s": round(results["created"] / seconds, 1), **results,
                   "hot_reserved_of_50": hot_reserved, "rows_oversold": oversold,
                   "load_before": round(before, 1), "load_after": round(load(), 1)}
        report("orders", figures)
        return figures
    finally:
        server.terminate()
        server.wait(timeout=30)
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--files", type=Path, required=True)
    parser.add_argument("--name", default="before_after_bench")
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    urls = {label: f"{SERVER}/{args.name}_{label}" for label in trees}
    if not args.skip_import:
        for label, tree in trees.items():
            import_files(label, tree, urls[label], args.files)
        engine = sa.create_engine(urls["after"])
        with engine.begin() as conn:
            store = conn.scalar(sa.text("SELECT min(store_id) FROM stores"))
        engine.dispose()
        cli(trees["after"], "server", "add-user", "bench", "--role", "admin", "--store",
            str(store), "--database-url", urls["after"], stdin=PASSWORD + "\n")
    rates: dict[str, list[float]] = {label: [] for label in trees}
    for _ in range(args.rounds):
        for label, tree in trees.items():
            rates[label].append(orders(label, tree, urls["after"], args.orders,
                                       args.clients)["orders_per_s"])
    report("orders_summary", {label: max(values) for label, values in rates.items()}
           | {"ratio_best": round(max(rates["after"]) / max(rates["before"]), 2)})


if __name__ == "__main__":
    main()
