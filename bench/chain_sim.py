"""A chain on a Saturday: N simulated tablets against `clienteling server run` on loopback.

    .venv/bin/python bench/chain_sim.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/chain [--customers 20000] \
        [--devices 25,50,100,200] [--duration 60] [--workers 2] [--time-scale 10]

Each simulated tablet is signed in as a seller of one of the demo chain's 12 stores (round
robin) and keeps one kept-alive HTTP connection, as the app does. It pulls its store's feed
every 30 s (to the end of what is new) and, in between, serves customers at a Saturday rate:
one customer every 3 minutes, each served by a card lookup, the 360 (profile, orders,
timeline), the stock of two products, a name search one time in three, and an order (click
and collect in its store) one time in four. `--time-scale K` runs the same day K times faster
(pulls every 30/K s, a customer every 180/K s per tablet), so a short run carries the load of
K times as many tablets: the figures are given per real tablet equivalent as well.

Before the levels: the schema, the demo chain with `--customers` customers (seeded once, kept
across runs), one bench seller per store (cheap password hashing: sign-ins are not what is
measured), stock that never runs out, and one warm feed pull per store so the tablets start
with a replica that is up to date (a new tablet's first download is `sync_bench.py`'s).

For each level, the tablets start staggered over the first pull interval, run for
`--duration` s, and the report gives: requests/s, p50/p95/p99 and max latency per kind and
overall, errors (anything but 2xx; 409 short stock never happens: stock is endless), and CPU
seconds per request of the API processes and of PostgreSQL's backends (read from /proc). The
run stops at the first level whose p95 is over 200 ms: the level below is the largest this
machine holds. Bounded: at most `len(levels) × (duration + 30 s)` plus the set-up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.live_api import running_api  # noqa: E402  (the load tests' server)

PASSWORD = "chain-simulation"
P95_TARGET_MS = 200.0
PULL_SECONDS = 30.0
SERVE_SECONDS = 180.0  # a seller serves a customer every three minutes on a Saturday


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def prepare(url: str, customers: int
            ) -> tuple[list[str], dict[str, list[str]], list[str], dict[str, str]]:
    """Seed the chain once; bench sellers, endless stock. Returns the stores, some cards per
    store, the SKUs held in stock, and where each store's customers collect (itself, or the
    first store that offers click and collect)."""
    from argon2 import PasswordHasher, profiles

    from clienteling.server.auth import service as auth
    from clienteling.server.auth.models import StaffUser
    from clienteling.server.customers.models import CustomerRow
    from clienteling.server.db import make_engine, make_sessionmaker
    from clienteling.server.demo.seed import seed_demo
    from clienteling.server.migrate import upgrade
    from clienteling.server.stock.models import StockRow
    from clienteling.server.stores.models import StoreRow

    upgrade(url)
    engine = make_engine(url)
    try:
        factory = make_sessionmaker(engine)
        with factory() as session, session.begin():
            if not session.scalar(sa.select(sa.func.count()).select_from(CustomerRow)):
                print(f"seeding {customers:,} customers (once)…", file=sys.stderr)
                seed_demo(session, customers=customers)
        with factory() as session, session.begin():
            stores = list(session.scalars(sa.select(StoreRow.store_id).order_by(
                StoreRow.store_id)))
            production, auth.HASHER = auth.HASHER, PasswordHasher.from_parameters(
                profiles.CHEAPEST)
            try:
                for store in stores:
                    name = f"sim.{store.lower()}"
                    if not session.scalar(sa.select(StaffUser).where(StaffUser.username == name)):
                        auth.create_user(session, username=name, password=PASSWORD,
                                         role="seller", store_id=store, display_name=name)
            finally:
                auth.HASHER = production
            session.execute(sa.update(StockRow).values(on_hand=1_000_000_000, reserved=0))
            cards = {store: list(session.scalars(
                sa.select(CustomerRow.loyalty_card).where(
                    CustomerRow.home_store_id == store, CustomerRow.loyalty_card.is_not(None))
                .limit(500))) for store in stores}
            skus = list(session.scalars(sa.select(StockRow.sku).distinct().limit(50)))
            collecting = list(session.scalars(sa.select(StoreRow.store_id).where(
                StoreRow.click_and_collect).order_by(StoreRow.store_id)))
            pickup = {store: store if store in collecting else collecting[0]
                      for store in stores}
        return stores, cards, skus, pickup
    finally:
        engine.dispose()


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def processes(name: bytes) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if name in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return found


def api_pids(parent: int) -> list[int]:
    pids = [parent]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return pids


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: dict[str, str] = field(default_factory=dict)  # the first answer of each error
    measuring: bool = False

    def add(self, kind: str, started: float, outcome: str | None) -> None:
        if not self.measuring:
            return
        if outcome is None:
            self.latencies[kind].append((time.perf_counter() - started) * 1000)
        else:
            self.errors[f"{kind} {outcome}"] += 1


@dataclass
class Device:
    base: str
    store: str
    cards: list[str]
    skus: list[str]
    cursor: str | None
    pickup: str
    tally: Tally
    scale: float
    rng: random.Random
    token: str = ""

    async def call(self, http: httpx.AsyncClient, kind: str, method: str, path: str,
                   **kwargs: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            answer = await http.request(method, f"{self.base}/api/v1{path}", headers={
                "Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})},
                **kwargs)
        except httpx.HTTPError as error:
            self.tally.add(kind, started, type(error).__name__)
            return None
        self.tally.add(kind, started, None if answer.is_success else str(answer.status_code))
        if not answer.is_success:
            self.tally.samples.setdefault(f"{kind} {answer.status_code}", answer.text[:300])
        return answer

    async def run(self, stop: float) -> None:
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(limits=limits, timeout=60) as http:
            signed = await http.post(f"{self.base}/api/v1/auth/login", json={
                "username": f"sim.{self.store.lower()}", "password": PASSWORD,
                "device_name": f"sim-{uuid.uuid4().hex[:8]}"})
            signed.raise_for_status()
            self.token = signed.json()["access_token"]
            next_pull = time.monotonic() + self.rng.uniform(0, PULL_SECONDS / self.scale)
            next_serve = time.monotonic() + self.rng.expovariate(self.scale / SERVE_SECONDS)
            while True:
                now = time.monotonic()
                if now >= stop:
                    return
                if now >= next_pull:
                    await self.pull(http)
                    next_pull += PULL_SECONDS / self.scale
                elif now >= next_serve:
                    await self.serve(http)
                    next_serve = now + self.rng.expovariate(self.scale / SERVE_SECONDS)
                else:
                    await asyncio.sleep(min(next_pull, next_serve, stop) - now)

    async def pull(self, http: httpx.AsyncClient) -> None:
        while True:
            query = {"limit": 1000} if self.cursor is None else {"cursor": self.cursor,
                                                                   "limit": 1000}
            answer = await self.call(http, "feed", "GET", "/sync/changes", params=query)
            if answer is None or not answer.is_success:
                return
            page = answer.json()
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                return

    async def serve(self, http: httpx.AsyncClient) -> None:
        card = self.rng.choice(self.cards)
        found = await self.call(http, "lookup", "GET", "/customers/lookup",
                                params={"code": card})
        if found is None or not found.is_success:
            return
        customer = found.json()
        cid = customer["customer_id"]
        for kind, path in (("360", f"/customers/{cid}/orders"),
                           ("360", f"/customers/{cid}/timeline"),
                           ("360", f"/customers/{cid}/wishlist")):
            await self.call(http, kind, "GET", path)
        if self.rng.random() < 1 / 3:
            await self.call(http, "search", "GET", "/customers",
                            params={"q": customer["last_name"][:5]})
        for sku in self.rng.sample(self.skus, 2):
            await self.call(http, "stock", "GET", "/stock", params={"sku": sku})
        if self.rng.random() < 1 / 4:
            await self.call(http, "order", "POST", "/orders",
                            headers={"Idempotency-Key": str(uuid.uuid4())}, json={
                                "customer_id": cid, "origin_store_id": self.store,
                                "fulfillment": {"type": "click_and_collect",
                                                "store_id": self.pickup},
                                "lines": [{"sku": self.rng.choice(self.skus), "quantity": 1}],
                                "payment": {"mode": "pay_at_pickup"}})


async def warm_cursors(base: str, stores: list[str]) -> dict[str, str | None]:
    """Each store's feed read to its end once, so tablets start up to date."""
    cursors: dict[str, str | None] = {}
    async with httpx.AsyncClient(timeout=120) as http:
        for store in stores:
            signed = await http.post(f"{base}/api/v1/auth/login", json={
                "username": f"sim.{store.lower()}", "password": PASSWORD,
                "device_name": "sim-warm-up"})
            signed.raise_for_status()
            headers = {"Authorization": f"Bearer {signed.json()['access_token']}"}
            cursor = None
            while True:
                params: dict[str, Any] = {"limit": 5000}
                if cursor:
                    params["cursor"] = cursor
                answer = await http.get(f"{base}/api/v1/sync/changes", params=params,
                                        headers=headers)
                answer.raise_for_status()
                page = answer.json()
                cursor = page["next_cursor"]
                if not page["has_more"]:
                    break
            cursors[store] = cursor
    return cursors


async def level(base: str, count: int, args: argparse.Namespace, stores: list[str],
                cards: dict[str, list[str]], skus: list[str], cursors: dict[str, str | None],
                pickup: dict[str, str], server_pid: int) -> dict[str, Any]:
    tally = Tally()
    ramp = PULL_SECONDS / args.time_scale
    stop = time.monotonic() + ramp + args.duration
    devices = [Device(base, stores[n % len(stores)], cards[stores[n % len(stores)]], skus,
                      cursors[stores[n % len(stores)]], pickup[stores[n % len(stores)]],
                      tally, args.time_scale,
                      random.Random(f"{args.seed}-{count}-{n}")) for n in range(count)]
    tasks = [asyncio.create_task(device.run(stop)) for device in devices]
    await asyncio.sleep(ramp)  # every tablet signed in and into its rhythm
    pg, api = processes(b"postgres:"), api_pids(server_pid)
    cpu_pg, cpu_api = cpu_seconds(pg), cpu_seconds(api)
    tally.measuring = True
    began = time.perf_counter()
    await asyncio.gather(*tasks)
    seconds = time.perf_counter() - began
    tally.measuring = False
    cpu_pg, cpu_api = cpu_seconds(pg) - cpu_pg, cpu_seconds(api) - cpu_api
    every = [ms for values in tally.latencies.values() for ms in values]
    requests = len(every) + sum(tally.errors.values())
    report: dict[str, Any] = {
        "devices": count, "real_tablets": count * args.time_scale, "seconds": round(seconds, 1),
        "requests": requests, "per_second": round(requests / seconds, 1),
        "errors": dict(tally.errors), "error_samples": tally.samples,
        "p50_ms": round(percentile(every, 50), 1) if every else None,
        "p95_ms": round(percentile(every, 95), 1) if every else None,
        "p99_ms": round(percentile(every, 99), 1) if every else None,
        "max_ms": round(max(every), 1) if every else None,
        "api_cpu_ms_per_request": round(cpu_api * 1000 / max(requests, 1), 2),
        "db_cpu_ms_per_request": round(cpu_pg * 1000 / max(requests, 1), 2),
        "kinds": {kind: {"count": len(values), "p50_ms": round(percentile(values, 50), 1),
                         "p95_ms": round(percentile(values, 95), 1)}
                  for kind, values in sorted(tally.latencies.items())},
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--devices", default="25,50,100,200",
                        help="the levels, comma-separated (simulated tablets)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds measured a level")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-scale", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.devices.split(",")]
    stores, cards, skus, pickup = prepare(args.database_url, args.customers)
    machine = {"cpus": os.cpu_count(), "load_before": os.getloadavg()[0]}
    print(json.dumps({"machine": machine, "workers": args.workers,
                      "time_scale": args.time_scale}), flush=True)
    held = None
    with TemporaryDirectory() as folder, running_api(
            args.database_url, Path(folder), "--workers", str(args.workers),
            sign_in=False) as api:
        cursors = asyncio.run(warm_cursors(api.url, stores))
        for count in levels:
            report = asyncio.run(level(api.url, count, args, stores, cards, skus, cursors,
                                       pickup, api.process.pid))
            print(json.dumps(report), flush=True)
            if report["p95_ms"] is None or report["p95_ms"] > P95_TARGET_MS or report["errors"]:
                break
            held = report
    print(json.dumps({"largest_level_within_target": held and held["devices"],
                      "real_tablets_equivalent": held and held["real_tablets"],
                      "load_after": os.getloadavg()[0]}), flush=True)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except subprocess.CalledProcessError as error:
        raise SystemExit(str(error)) from None
