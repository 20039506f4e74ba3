"""A customer's figures on the server: the one rule (`domain.stats`, orders read and summed in
Python) against the SQL aggregate it replaced, for customers with 5 to 5,000 orders.

    PYTHONPATH=. .venv/bin/python bench/stats_bench.py [--database-url URL]

Prints one JSON line per size: the median of the two, in microseconds, and their ratio
(measured in the same run, interleaved, so the machine's load weighs on both alike). Without
a URL it uses a SQLite file in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from clienteling.domain.orders import OrderStatus
from clienteling.server.customers.models import CustomerRow
from clienteling.server.customers.service import customer_stats
from clienteling.server.db import make_engine, make_sessionmaker
from clienteling.server.migrate import reset_schema
from clienteling.server.orders.models import OrderRow
from clienteling.server.stores.models import StoreRow

SIZES = (5, 50, 500, 5000)
ROUNDS = 40


def sql_aggregate(session, customer_id: str) -> tuple:  # type: ignore[no-untyped-def]
    """What customer_stats ran before the rule moved to the domain (kept here to compare)."""
    kept = (OrderRow.customer_id == customer_id,
            OrderRow.status != OrderStatus.CANCELLED.value)
    total, count, last = session.execute(
        select(func.coalesce(func.sum(OrderRow.total), 0), func.count(),
               func.max(OrderRow.created_at)).where(*kept)).one()
    channels = session.scalars(select(OrderRow.channel).where(*kept).distinct()).all()
    return Decimal(total), count, last, sorted(channels)


def seed(session, sizes: tuple[int, ...]) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 1, 5, tzinfo=UTC)
    session.add(StoreRow(store_id="PAR01", name="Paris", address="1 rue", postcode="75001",
                         city="Paris", country="FR", latitude=48.86, longitude=2.34,
                         click_and_collect=True, updated_at=now))
    session.flush()
    for size in sizes:
        cid = f"C{size}"
        session.add(CustomerRow(customer_id=cid, first_name="A", last_name="B",
                                home_store_id="PAR01", tier="member", points=0, version=1,
                                created_at=now, updated_at=now, first_name_key="a",
                                last_name_key="b"))
        session.flush()
        for i in range(size):
            session.add(OrderRow(
                order_number=f"PAR01-{size}-{i:06d}", customer_id=cid,
                channel=("store", "web", "app")[i % 3],
                status="cancelled" if i % 7 == 0 else "collected",
                fulfillment_type="in_store", fulfillment_store_id="PAR01",
                payment_mode="paid_in_store", origin_store_id="PAR01",
                total=Decimal("19.90") + i, currency="EUR",
                created_at=now - timedelta(days=i), updated_at=now))
    session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/stats.sqlite3"
        reset_schema(url)
        engine = make_engine(url)
        sessions = make_sessionmaker(engine)
        with sessions() as session:
            seed(session, SIZES)
        for size in SIZES:
            cid = f"C{size}"
            rule, aggregate = [], []
            with sessions() as session:
                ours = customer_stats(session, cid)
                theirs = sql_aggregate(session, cid)
                assert (ours.lifetime_value, ours.orders_count, ours.channels) == (
                    theirs[0], theirs[1], theirs[3]), (ours, theirs)
                for _ in range(ROUNDS):
                    start = time.perf_counter()
                    customer_stats(session, cid)
                    rule.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    sql_aggregate(session, cid)
                    aggregate.append(time.perf_counter() - start)
            r, a = statistics.median(rule) * 1e6, statistics.median(aggregate) * 1e6
            print(json.dumps({"orders": size, "domain_rule_us": round(r), "sql_aggregate_us":
                              round(a), "ratio": round(r / a, 2),
                              "database": engine.dialect.name}))
        engine.dispose()


if __name__ == "__main__":
    main()
