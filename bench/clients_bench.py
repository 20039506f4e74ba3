"""GET /clients (the managers' client book) p95 on PostgreSQL, through the API in process.

    PYTHONPATH=. .venv/bin/python bench/clients_bench.py \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/clt_bench_clients \
        (--files /tmp/bench-data | --synthetic 1000000) [--stores 10] [--rounds 5]

`--files`: import bench/gen_data.py's files through the importer (the stored figures are
computed by the import's hook, as in production). `--synthetic N`: write N customers straight
with SQL (figures drawn at random, spread over `--stores` stores): the only way to reach a
million on a loaded 2-core machine, where the importer runs at ~1,000 customers/s. The schema
(indexes included) comes from the migrations either way.

Then, signed in as the first store's manager, for each sort (both directions) and a set of
filters: the first page and the pages after it by cursor (limit 50), each timed; prints p50 /
p95 / max per case and overall.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient

from clienteling.server.app import create_app
from clienteling.server.auth.service import create_user
from clienteling.server.config import ServerConfig
from clienteling.server.db import make_engine, make_sessionmaker
from clienteling.server.migrate import reset_schema

API = "/api/v1"
PASSWORD = "bench-password-1"

SYNTHETIC = """
INSERT INTO customers (customer_id, first_name, last_name, email, phone, home_store_id, tier,
    points, consent_email, consent_sms, assigned_seller_id, version, created_at, updated_at,
    last_name_key, first_name_key, email_key, phone_e164, lifetime_value, orders_count,
    last_purchase_at, first_purchase_at, channels, channels_count)
SELECT 'S' || lpad(i::text, 8, '0'), f, l, 'c' || i || '@example.fr', NULL,
    'B' || lpad((i % :stores)::text, 2, '0'),
    (ARRAY['member', 'silver', 'gold'])[1 + (i * 7) % 3], 0, (i % 3) = 0, (i % 5) = 0, NULL, 1,
    now(), now(), translate(lower(l), 'éèê', 'eee'), translate(lower(f), 'éèê', 'eee'),
    'c' || i || '@example.fr', NULL,
    CASE WHEN n = 0 THEN 0 ELSE round((random() * 3000)::numeric, 2) END, n,
    CASE WHEN n = 0 THEN NULL ELSE now() - (random() * 1000) * interval '1 day' END,
    CASE WHEN n = 0 THEN NULL ELSE now() - (1000 + random() * 500) * interval '1 day' END,
    CASE WHEN n = 0 THEN '' ELSE 'store' END, CASE WHEN n = 0 THEN 0 ELSE 1 + i % 4 END
FROM (SELECT i, (ARRAY['Marie','Jean','Louise','Pierre','Emma','Lucas','Chloé','Hugo','Léa',
                        'Paul'])[1 + i % 10] AS f,
             (ARRAY['Martin','Bernard','Dubois','Thomas','Robert','Richard','Petit','Durand',
                    'Leroy','Moreau','Simon','Laurent','Lefèvre','Michel','Garcia'])
                   [1 + (i / 10) % 15]
             || CASE WHEN i % 7 = 0 THEN '' ELSE ' ' || (i % 997)::text END AS l,
             (i * 13) % 9 AS n
      FROM generate_series(1, :count) AS i) AS g
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def load_synthetic(engine: sa.Engine, count: int, stores: int) -> None:
    with engine.begin() as conn:
        for s in range(stores):
            conn.execute(sa.text(
                "INSERT INTO stores (store_id, name, address, postcode, city, country, latitude,"
                " longitude, click_and_collect, updated_at) VALUES (:id, :id, 'rue', '75001',"
                " 'Paris', 'FR', 48.8, 2.3, true, now())"), {"id": f"B{s:02d}"})
        conn.execute(sa.text(SYNTHETIC), {"count": count, "stores": stores})
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(
            sa.text("VACUUM ANALYZE customers"))


def load_files(url: str, folder: Path) -> None:
    from clienteling.server.imports.service import import_directory

    sessions = make_sessionmaker(make_engine(url))
    with sessions() as session, session.begin():
        report = import_directory(session, folder=folder, region="FR")
    if not report.applied:
        raise SystemExit(f"import failed: {report.problems[:3]}")


CASES: list[tuple[str, dict[str, Any]]] = [
    *[(f"sort {s}", {"sort": s}) for name in ("name", "lifetime_value", "last_purchase_at",
                                               "orders_count", "channels")
      for s in (name, "-" + name)],
    ("q=mar", {"q": "mar"}),
    ("q=lefevre, -lifetime_value", {"q": "lefevre", "sort": "-lifetime_value"}),
    ("segment=at_risk", {"segment": "at_risk"}),
    ("segment=champions, -lifetime_value", {"segment": "champions",
                                            "sort": "-lifetime_value"}),
    ("consent=email, min_value=1000, -lifetime_value",
     {"consent": "email", "min_value": "1000", "sort": "-lifetime_value"}),
    ("last purchase in 2026, -last_purchase_at",
     {"last_purchase_from": "2026-01-01", "last_purchase_to": "2026-12-31",
      "sort": "-last_purchase_at"}),
    ("min_channels=3, channels", {"min_channels": 3, "sort": "channels"}),
    ("tier=gold, orders_count", {"tier": "gold", "sort": "orders_count"}),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    source = parser.add_mutually_exclusive_group(required=False)
    source.add_argument("--files", type=Path)
    source.add_argument("--synthetic", type=int)
    parser.add_argument("--stores", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="reuse the loaded database")
    args = parser.parse_args(argv)
    if not args.keep and not (args.files or args.synthetic):
        parser.error("--files or --synthetic (or --keep to reuse the loaded database)")

    engine = make_engine(args.database_url)
    if not args.keep:
        started = time.perf_counter()
        reset_schema(args.database_url)
        if args.synthetic:
            load_synthetic(engine, args.synthetic, args.stores)
        else:
            load_files(args.database_url, args.files)
        print(f"loaded in {time.perf_counter() - started:,.0f} s", file=sys.stderr)
    with engine.connect() as conn:
        store, clients = conn.execute(sa.text(
            "SELECT home_store_id, count(*) FROM customers GROUP BY home_store_id "
            "ORDER BY home_store_id LIMIT 1")).one()
        everyone = conn.execute(sa.text("SELECT count(*) FROM customers")).scalar_one()
    sessions = make_sessionmaker(engine)
    with sessions() as session, session.begin():
        if not session.execute(sa.text(
                "SELECT 1 FROM staff_users WHERE username = 'bench.manager'")).first():
            create_user(session, username="bench.manager", password=PASSWORD, role="manager",
                        store_id=store, display_name="Bench manager")
    app = create_app(ServerConfig(database_url=args.database_url))
    print(f"{everyone:,} customers; store {store} has {clients:,} clients "
          f"({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
    everything: list[float] = []
    with TestClient(app) as client:
        token = client.post(f"{API}/auth/login", json={
            "username": "bench.manager", "password": PASSWORD,
            "device_name": "bench"}).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        print(f"{'case':<48} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'total':>9}")
        for label, params in CASES:
            times: list[float] = []
            total = 0
            for _ in range(args.rounds):
                cursor = None
                for _page in range(args.pages):
                    query = {"store_id": store, "limit": 50, **params,
                             **({"cursor": cursor} if cursor else {})}
                    started = time.perf_counter()
                    answer = client.get(f"{API}/clients", params=query, headers=auth)
                    times.append((time.perf_counter() - started) * 1000)
                    if answer.status_code != 200:
                        raise SystemExit(f"{label}: {answer.status_code} {answer.text}")
                    body = answer.json()
                    total, cursor = body["total"], body["next_cursor"]
                    if cursor is None:
                        break
            everything += times
            print(f"{label:<48} {statistics.median(times):8.1f} {percentile(times, 95):8.1f} "
                  f"{max(times):8.1f} {total:9,}")
    print(f"{'all requests':<48} {statistics.median(everything):8.1f} "
          f"{percentile(everything, 95):8.1f} {max(everything):8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
