"""The managers' client book with the real screen on a big replica: opening it, sort and filter
changes, scrolling down, and exporting, while a heartbeat timer on the UI thread measures its
longest stall.

Generates (once per --dir) an encrypted replica through the code that applies feed pages (so
the stored figures are computed as the feed computes them): N customers of one store with
`--orders` orders each, then opens `ui.client_book` on it, offscreen, as a manager:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/client_book_bench.py \
        --customers 500000 --dir /tmp/book-bench [--scroll-rows 100000] [--export-rows 100000]

Targets (issue 10): open ≤ 500 ms; a sort or filter change repainted ≤ 200 ms p95; scrolling
never stalls the UI thread > 50 ms; exporting 100,000 rows ≤ 5 s without freezing the window.
Figures go to stdout as JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from replica_bench import SERVER, STORE, USER, changes  # noqa: E402

from clienteling.api import models as w  # noqa: E402
from clienteling.device import Device  # noqa: E402
from clienteling.replica.apply import apply_changes  # noqa: E402
from clienteling.replica.database import Replica  # noqa: E402
from clienteling.replica.key import ReplicaKeys  # noqa: E402
from clienteling.settings import Paths, Settings  # noqa: E402
from ui.app import settle_startup_objects  # noqa: E402

TARGETS = {"open_ms": 500, "change_p95_ms": 200, "scroll_stall_ms": 50, "export_s": 5}


def generate(folder: Path, customers: int, orders_per: int) -> dict[str, Any]:
    paths = Paths.for_user(folder)
    settings = Settings(server_url=SERVER, username=USER, store_id=STORE, display_name="Bench",
                        role="manager")
    settings.save(paths)
    path = paths.replica_file(SERVER, USER)
    if path.exists():
        return {"generated": False}
    replica = Replica.open(path, ReplicaKeys.for_settings(paths, settings))
    start = time.perf_counter()
    skus = [f"SKU-{n:05d}" for n in range(500)]
    try:
        with replica.write() as conn:
            replica.set_meta(conn, "store_id", STORE)
        for page in changes(customers, orders_per, skus):
            with replica.write() as conn:
                apply_changes(conn, page)
        with replica.write() as conn:
            replica.set_meta(conn, "complete", "1")
        with replica.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.exec_driver_sql("ANALYZE")
    finally:
        replica.close()
    return {"generated": True, "seconds": round(time.perf_counter() - start, 1)}


class Collections:
    """The garbage collector's longest pass and the time spent in its full passes (it holds
    the GIL: a stall of the UI thread even when it runs in a worker)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.full_ms = 0.0
        self.full = 0
        self._since = 0.0
        gc.callbacks.append(self._event)

    def reset(self) -> None:
        self.longest = self.full_ms = 0.0
        self.full = 0

    def _event(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._since = time.perf_counter()
            return
        took = (time.perf_counter() - self._since) * 1000
        self.longest = max(self.longest, took)
        if info.get("generation") == 2:
            self.full += 1
            self.full_ms += took

    def figures(self) -> dict[str, float]:
        return {"gc_longest_ms": round(self.longest, 1), "gc_full_passes": self.full,
                "gc_full_ms": round(self.full_ms, 1)}


class Heartbeat(QObject):
    """A 5 ms timer on the UI thread: the longest gap between two beats is the longest time
    the UI thread could not answer."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)
        self.clock = QElapsedTimer()
        self.longest = 0.0

    def start(self) -> None:
        self.longest = 0.0
        self.clock.start()
        self.timer.start()

    def _beat(self) -> None:
        self.longest = max(self.longest, self.clock.nsecsElapsed() / 1e6)
        self.clock.restart()

    def stop(self) -> float:
        self.timer.stop()
        return round(self.longest, 1)


class FakeShell(QObject):
    """What the screen asks of the window, no more."""

    replica_changed = Signal(object)
    sync_status_changed = Signal(object)

    def __init__(self, device: Device) -> None:
        super().__init__()
        self.device = device
        self.sync_status = None
        self.user = None

    def has_screen(self, screen_id: str) -> bool:
        return False

    def show_screen(self, screen_id: str, **params: Any) -> None:
        pass

    def notify(self, text: str, level: str = "info") -> None:
        pass

    def show_error(self, error: BaseException) -> None:
        raise error

    def current_screen(self) -> Any:
        return None


def wait(app: QApplication, predicate: Any, timeout: float = 120.0) -> None:
    end = time.perf_counter() + timeout
    while not predicate():
        app.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError("the screen did not answer")
        time.sleep(0.0005)


def measure(folder: Path, scroll_rows: int, export_rows: int) -> dict[str, Any]:
    from ui.client_book.screen import ClientBookScreen

    app = QApplication.instance() or QApplication(sys.argv[:1])
    results: dict[str, Any] = {}
    with Device(folder) as device:
        settle_startup_objects()  # as the app does once the device is open
        shell = FakeShell(device)
        results["clients"] = device.clients.count(w.ClientFilters(store_id=STORE))
        beat = Heartbeat()
        screen = ClientBookScreen(shell)  # type: ignore[arg-type]
        screen.resize(1920, 1000)
        screen.show()
        app.processEvents()
        # Opening: from enter() to the first page and the count painted.
        start = time.perf_counter()
        screen.enter()
        wait(app, lambda: not screen.model.loading and screen.model.rowCount() > 0)
        screen.repaint()
        results["open_ms"] = round((time.perf_counter() - start) * 1000, 1)
        wait(app, lambda: screen.model.total is not None)
        results["open_counted_ms"] = round((time.perf_counter() - start) * 1000, 1)
        # Sort and filter changes: each from the change to the new first page painted.
        changes_ms: list[float] = []
        beat.start()
        actions = [
            lambda: screen.table.sortByColumn(2, Qt.SortOrder.DescendingOrder),
            lambda: screen.table.sortByColumn(3, Qt.SortOrder.DescendingOrder),
            lambda: screen.table.sortByColumn(4, Qt.SortOrder.AscendingOrder),
            lambda: screen.table.sortByColumn(5, Qt.SortOrder.DescendingOrder),
            lambda: screen.table.sortByColumn(0, Qt.SortOrder.AscendingOrder),
            lambda: screen.consent.setCurrentIndex(1),
            lambda: screen.min_channels.setValue(2),
            lambda: screen.segment.setCurrentIndex(screen.segment.findData("lost")),
            lambda: screen.segment.setCurrentIndex(screen.segment.findData("at_risk")),
            lambda: screen.tier.setCurrentIndex(screen.tier.findData("member")),
            lambda: screen.clear_filters(),
            lambda: (screen.search.setText("mart"), screen.apply_filters()),
            lambda: (screen.search.setText("dupont ma"), screen.apply_filters()),
            lambda: (screen.search.setText(""), screen.apply_filters()),
        ]
        for _round in range(2):
            for action in actions:
                before = screen.model.filters
                start = time.perf_counter()
                action()
                wait(app, lambda before=before: screen.model.filters != before
                     and not screen.model.loading)
                screen.repaint()
                changes_ms.append((time.perf_counter() - start) * 1000)
        # Each change's time, in the order of `actions` (two rounds), to see which are slow.
        results["change_each_ms"] = [round(t) for t in changes_ms]
        results["change_ms"] = {
            "n": len(changes_ms), "median": round(statistics.median(changes_ms), 1),
            "p95": round(sorted(changes_ms)[int(0.95 * (len(changes_ms) - 1))], 1),
            "max": round(max(changes_ms), 1)}
        results["change_longest_stall_ms"] = beat.stop()
        # Scrolling down: the view asks for pages as the end comes into sight.
        collections = Collections()
        start = time.perf_counter()
        beat.start()
        bar = screen.table.verticalScrollBar()
        while screen.model.rowCount() < scroll_rows and (screen.model.canFetchMore()
                                                         or screen.model.fetching()):
            bar.setValue(bar.maximum())
            app.processEvents()
        wait(app, lambda: not screen.model.fetching())
        results["scroll"] = {"rows": screen.model.rowCount(),
                             "seconds": round(time.perf_counter() - start, 2),
                             "longest_stall_ms": beat.stop(), **collections.figures()}
        # Export: the whole book to CSV in the background; the time to the first
        # `export_rows` rows written, and to the end.
        target = folder / "export.csv"
        screen.clear_filters()
        wait(app, lambda: not screen.model.loading and screen.model.total is not None)
        beat.start()
        start = time.perf_counter()
        task = screen.export_to(str(target))
        assert task is not None
        wait(app, lambda: screen._export_task is None or screen.progress.value() >= export_rows,
             timeout=600)
        first = time.perf_counter() - start
        reached = screen.progress.value()
        wait(app, lambda: screen._export_task is None, timeout=600)
        total = time.perf_counter() - start
        results["export"] = {"rows_first": reached, "seconds_first": round(first, 2),
                             "rows_total": sum(1 for _ in target.open(encoding="utf-8-sig")) - 1,
                             "seconds_total": round(total, 2),
                             "longest_stall_ms": beat.stop()}
        screen.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=500_000)
    parser.add_argument("--orders", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/book-bench"))
    parser.add_argument("--scroll-rows", type=int, default=100_000)
    parser.add_argument("--export-rows", type=int, default=100_000)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    made = generate(args.dir, args.customers, args.orders)
    found = measure(args.dir, args.scroll_rows, args.export_rows)
    print(json.dumps({"machine": platform.processor() or platform.machine(),
                      "cpus": os.cpu_count(), "load": os.getloadavg(), "generate": made,
                      "targets": TARGETS, **found}, indent=2))


if __name__ == "__main__":
    main()
