"""Selling's server side in one run, in process (FastAPI's TestClient, SQLite file): a quote
against placing the same order, against reading it back, and the signed webhook. Ratios in one
run are what to compare: the machine is shared.

    PYTHONPATH=. .venv/bin/python bench/selling_bench.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

from clienteling.server.app import create_app
from clienteling.server.auth.service import create_user
from clienteling.server.config import ServerConfig
from clienteling.server.demo.world import small_world
from clienteling.server.migrate import upgrade
from clienteling.server.payments.signature import sign
from clienteling.server.stock.models import StockRow

SECRET = "bench"
PASSWORD = "correct horse battery staple"


def _timed(rounds: int, call: Callable[[int], Any]) -> list[float]:
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        upgrade(url)
        app = create_app(ServerConfig(database_url=url, payment_webhook_secret=SECRET))
        with app.state.sessions() as session, session.begin():
            small_world(session, now=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
            create_user(session, username="seller1", password=PASSWORD, role="seller",
                        store_id="PAR01", display_name="Seller")
            session.execute(update(StockRow).values(on_hand=1_000_000))
        with TestClient(app) as client:
            token = client.post("/api/v1/auth/login", json={
                "username": "seller1", "password": PASSWORD,
                "device_name": "bench"}).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            customer = client.post("/api/v1/customers", headers=auth, json={
                "first_name": "Ana", "last_name": "Bench", "home_store_id": "PAR01",
                "email": "ana@example.fr", "consent_email": True}).json()["customer_id"]
            body = {"customer_id": customer,
                    "fulfillment": {"type": "click_and_collect", "store_id": "PAR01"},
                    "lines": [{"sku": "SKU-1004", "quantity": 1},
                              {"sku": "SKU-1001", "quantity": 2}],
                    "payment": {"mode": "payment_link"}, "origin_store_id": "PAR01"}
            numbers: list[str] = []

            def quote(_i: int) -> None:
                assert client.post("/api/v1/orders/quote", json=body,
                                   headers=auth).status_code == 200

            def place(_i: int) -> None:
                answer = client.post("/api/v1/orders", json=body, headers={
                    **auth, "Idempotency-Key": str(uuid.uuid4())})
                assert answer.status_code == 201
                numbers.append(answer.json()["order_number"])

            def read(i: int) -> None:
                assert client.get(f"/api/v1/orders/{numbers[i]}",
                                  headers=auth).status_code == 200

            def paid(i: int) -> None:
                raw = json.dumps({"order_number": numbers[i], "status": "paid",
                                  "reference": f"R{i}"}).encode()
                assert client.post("/api/v1/payments/webhook", content=raw, headers={
                    "X-Signature": sign(SECRET, raw)}).status_code == 200

            def ready(i: int) -> None:
                assert client.post(f"/api/v1/orders/{numbers[i]}/status", headers=auth,
                                   json={"status": "ready_for_pickup"}).status_code == 200

            results = {name: _timed(rounds, fn) for name, fn in (
                ("quote", quote), ("place", place), ("read", read), ("webhook paid", paid),
                ("ready (tells the customer)", ready))}
    base = statistics.median(results["read"])
    print(f"{'operation':<28} {'median ms':>10} {'p95 ms':>8} {'× read':>7}")
    for name, times in results.items():
        p95 = statistics.quantiles(times, n=20)[-1]
        median = statistics.median(times)
        print(f"{name:<28} {median:>10.2f} {p95:>8.2f} {median / base:>7.2f}")
        print(json.dumps({"op": name, "median_ms": round(median, 3), "p95_ms": round(p95, 3),
                          "rounds": rounds}))


if __name__ == "__main__":
    main()
