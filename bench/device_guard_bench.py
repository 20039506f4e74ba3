"""What a lost tablet's protections cost a device, per sync cycle and at a wipe.

- the outbox report (`clienteling/sync/report.py`): each cycle the device summarises its unsent
  work and hashes it to send it only when it changed; measured for 0, 100, 1,000 and 10,000
  unsent entries against `queue.counts` (what every cycle's status already reads), as ratios
  in the same run;
- the contact log check (`ContactLog.expired`, read at each status) in microseconds;
- a wipe (`wipe_replica`: `database.destroy` overwrites then deletes the file, -wal, -shm).

    .venv/bin/python bench/device_guard_bench.py [--rounds 50]

No server: the report's HTTP request is the sync's usual round trip and is not counted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from clienteling.device_guard import ContactLog, wipe_replica
from clienteling.outbox import queue
from clienteling.replica.database import Replica
from clienteling.replica.key import ReplicaKeys
from clienteling.settings import Paths, Settings
from clienteling.sync.report import outbox_summary


def _keys(folder: Path) -> ReplicaKeys:
    """The replicas' keys in the bench folder's device file (never the developer's keyring)."""
    return ReplicaKeys.for_settings(Paths.for_user(folder), Settings(token_store="file"))


def _p50(samples: list[float]) -> float:
    return statistics.median(samples)


def bench_report(folder: Path, entries: int, rounds: int) -> dict[str, float]:
    replica = Replica.open(folder / f"report-{entries}.sqlite3", _keys(folder))
    try:
        with replica.write() as conn:
            for i in range(entries):
                queue.enqueue(conn, kind="note.add", payload={"text": f"note {i}" * 8},
                              customer_id=f"C{i % 500:08d}")
        report, counts = [], []
        for _ in range(rounds):
            start = time.perf_counter()
            with replica.read() as conn:
                summary = outbox_summary(conn)
            hashlib.sha256(json.dumps(summary, sort_keys=True).encode()).hexdigest()
            report.append(time.perf_counter() - start)
            start = time.perf_counter()
            with replica.read() as conn:
                queue.counts(conn)
            counts.append(time.perf_counter() - start)
    finally:
        replica.close()
    return {"entries": entries, "report_ms": _p50(report) * 1e3,
            "counts_ms": _p50(counts) * 1e3, "ratio": _p50(report) / _p50(counts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = [bench_report(folder, n, args.rounds) for n in (0, 100, 1_000, 10_000)]
        for row in rows:
            print(json.dumps({"bench": "outbox_report", **row}))
        log = ContactLog(folder / "x.sqlite3")
        log.record(lock_days=14)
        checks = []
        for _ in range(args.rounds * 20):
            start = time.perf_counter()
            log.expired()
            checks.append(time.perf_counter() - start)
        print(json.dumps({"bench": "contact_check", "us": _p50(checks) * 1e6}))
        # A wipe of a replica file of some size (the file count matters, not its content).
        target = folder / "wipe.sqlite3"
        for suffix, size in (("", 200 << 20), ("-wal", 16 << 20), ("-shm", 32 << 10)):
            with open(str(target) + suffix, "wb") as handle:
                handle.truncate(size)
        start = time.perf_counter()
        removed = wipe_replica(target, _keys(folder))
        wipe_ms = (time.perf_counter() - start) * 1e3
        print(json.dumps({"bench": "wipe", "files": len(removed), "ms": wipe_ms}))
    print()
    print("unsent entries | report p50 ms | counts p50 ms | ratio")
    for row in rows:
        print(f"{row['entries']:>14} | {row['report_ms']:>13.3f} | {row['counts_ms']:>13.3f} | "
              f"{row['ratio']:>5.1f}")
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
