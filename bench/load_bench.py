"""The central API under load: p50/p95 latency and error counts for 50, 100, 200 and 300
concurrent keep-alive clients, on SQLite and on PostgreSQL.

    .venv/bin/python bench/load_bench.py --sqlite /tmp/load-bench.sqlite3 \
        --postgresql postgresql+psycopg://postgres@127.0.0.1:5432/load_bench [--requests 6]

The server's CLIENTELING_DB_* settings come from the environment (default: the defaults).
For each database: the schema from nothing, the demo's small chain with two sellers and stock
that never runs out (tests/server/live_api.py, the load tests' data), then a real
`clienteling server run` subprocess. For each level, that many client threads (one kept-alive
`requests.Session` each) start together and each sends --requests requests: a third place an
order (a new Idempotency-Key each), the rest read a customer, stock, the pickup queue or a
feed page. Latency is from the send to the whole answer, measured by the client (whose 300
threads share the machine's cores with the server). Figures go to stdout as JSON lines and a
Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from tempfile import TemporaryDirectory

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.live_api import (  # noqa: E402  (the load tests' data and server)
    SKUS,
    RunningApi,
    order_body,
    prepare_database,
    rss_kib,
    running_api,
)

LEVELS = (1, 50, 100, 200, 300)  # 1: the cost of a request without contention
KINDS = ("order", "customer", "stock", "order", "queue", "feed")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def one_client(api: RunningApi, client: int, count: int, customer_id: str,
               start: threading.Event) -> list[tuple[str, float]]:
    """`count` requests on one kept-alive connection: (outcome, milliseconds) each."""
    done: list[tuple[str, float]] = []
    headers = api.auth("seller1")
    with requests.Session() as http:
        start.wait(60)
        for step in range(count):
            kind = KINDS[(client + step) % len(KINDS)]
            began = time.perf_counter()
            try:
                if kind == "order":
                    answer = http.post(
                        f"{api.url}/api/v1/orders", timeout=60,
                        json=order_body(customer_id, SKUS[step % 2]),
                        headers={**headers, "Idempotency-Key": f"bench-{uuid.uuid4()}"})
                else:
                    path = {"customer": f"/customers/{customer_id}",
                            "stock": f"/stock?sku={SKUS[0]}",
                            "queue": "/orders?store_id=PAR01&limit=20",
                            "feed": "/sync/changes?limit=50"}[kind]
                    answer = http.get(f"{api.url}/api/v1{path}", timeout=60, headers=headers)
                outcome = str(answer.status_code)
            except requests.RequestException as error:
                outcome = type(error).__name__
            done.append((outcome, (time.perf_counter() - began) * 1000))
    return done


def level(api: RunningApi, clients: int, count: int, customer_id: str) -> dict[str, object]:
    start = threading.Event()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(one_client, api, i, count, customer_id, start)
                   for i in range(clients)]
        time.sleep(0.5)  # every client thread is up
        began = time.perf_counter()
        start.set()
        results = [answer for f in futures for answer in f.result(timeout=600)]
        seconds = time.perf_counter() - began
    times = [ms for _, ms in results]
    outcomes = Counter(outcome for outcome, _ in results)
    ok = sum(n for outcome, n in outcomes.items() if outcome.startswith("2"))
    return {
        "clients": clients, "requests": len(results), "seconds": round(seconds, 1),
        "ok_per_s": round(ok / seconds, 1), "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1), "max_ms": round(max(times), 1),
        "ok": ok, "503": outcomes.get("503", 0), "500": outcomes.get("500", 0),
        "other": sum(n for o, n in outcomes.items() if not o.startswith("2")
                     and o not in ("503", "500")),
        "outcomes": dict(outcomes),
    }


def bench_database(name: str, url: str, count: int, folder: Path,
                   levels: tuple[int, ...]) -> list[dict[str, object]]:
    prepare_database(url)
    rows = []
    with running_api(url, folder / name) as api:
        customer_id = api.enrol()
        for clients in levels:
            figures = {"database": name, **level(api, clients, count, customer_id),
                       "load_avg": round(os.getloadavg()[0], 2),
                       "server_peak_rss_mib": round(rss_kib(api.process.pid, "VmHWM") / 1024)}
            print(json.dumps(figures), flush=True)
            rows.append(figures)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", type=Path, help="a SQLite file to create (wiped)")
    parser.add_argument("--postgresql", help="a PostgreSQL URL (its schema is wiped)")
    parser.add_argument("--requests", type=int, default=6, help="requests per client")
    parser.add_argument("--levels", default=",".join(map(str, LEVELS)),
                        help="numbers of concurrent clients, comma-separated")
    args = parser.parse_args()
    levels = tuple(int(n) for n in args.levels.split(","))
    rows: list[dict[str, object]] = []
    with TemporaryDirectory() as folder:
        if args.sqlite:
            args.sqlite.unlink(missing_ok=True)
            rows += bench_database("sqlite", f"sqlite:///{args.sqlite}", args.requests,
                                   Path(folder), levels)
        if args.postgresql:
            rows += bench_database("postgresql", args.postgresql, args.requests, Path(folder),
                                   levels)
    print("\n| database | clients | requests | ok/s | p50 ms | p95 ms | max ms | 2xx | 503 "
          "| 500 | other | load avg | server peak RSS MiB |")
    print("| --- | " + "--- | " * 12)
    for r in rows:
        print(f"| {r['database']} | {r['clients']} | {r['requests']} | {r['ok_per_s']} | "
              f"{r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | {r['ok']} | {r['503']} | "
              f"{r['500']} | {r['other']} | {r['load_avg']} | {r['server_peak_rss_mib']} |")
    if statistics.fmean([float(str(r["500"])) for r in rows] or [0]) > 0:
        sys.exit("the server answered 500")


if __name__ == "__main__":
    main()
