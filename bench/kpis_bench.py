"""Offline KPIs on a big replica: `device.kpis.offline_kpis()` (the rule of `domain.kpis`
folded over every client of the store and their orders, read from the encrypted replica), the
call the KPI screen's worker makes when the server cannot be asked.

Reuses `replica_bench.generate` (one store's scope: N customers, 3 orders each by default):

    .venv/bin/python bench/kpis_bench.py --customers 100000 --dir /tmp/kpis-bench

Figures go to stdout as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from replica_bench import generate, machine  # noqa: E402

from clienteling.device import Device  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders-per", type=int, default=3)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    made = generate(args.dir, args.customers, args.orders_per)
    durations = []
    with Device(args.dir) as device:
        figures = None
        for _ in range(args.runs):
            start = time.perf_counter()
            figures = device.kpis.offline_kpis(now=datetime.now(UTC)).figures
            durations.append((time.perf_counter() - start) * 1000)
    durations.sort()
    print(json.dumps({"machine": machine(), "generate": made, "customers": args.customers,
                      "orders": args.customers * args.orders_per,
                      "offline_kpis_ms": {"min": round(durations[0]),
                                          "median": round(durations[len(durations) // 2]),
                                          "max": round(durations[-1])},
                      "clients_counted": figures.clients if figures else None}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
