"""From the scanner's Enter to the painted customer 360, with the real widgets (offscreen).

Builds (or reuses) the replica of `replica_bench.py` (1,000,000 customers by default), opens
the app's main window on it, then for each sample: types a card number into the search field
as a hand-held scanner does (keys back to back), starts the clock at Enter, and stops it when
the 360's name label receives its paint event. Between samples it goes back to the lookup.

    .venv/bin/python bench/scan_to_360_bench.py --customers 1000000 --dir /tmp/replica-bench

Figures go to stdout as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from replica_bench import generate, machine, summary  # noqa: E402

from clienteling.domain.cards import card_from_serial  # noqa: E402


def measure(folder: Path, customers: int, samples: int, warmup: int) -> dict:
    from PySide6.QtCore import QEventLoop, QLocale, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import resources
    from clienteling.device import Device
    from ui import i18n, workers
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    app.setStyleSheet(resources.style_sheet())
    i18n.install("en", QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    rng = random.Random(11)
    with Device(folder) as facade:
        window = MainWindow(facade)
        user = facade.session.current_user()
        window.set_user(user)
        window.load_sections(user.role if user else "seller")
        window.resize(1280, 800)
        window.show()
        window.home()
        workers.wait_idle(10_000)
        lookup = window.screen("lookup")
        screen = window.screen("customer")
        durations: list[float] = []
        misses = 0
        refused: list[str] = []
        window.scan_router.failed.connect(lambda error: refused.append(getattr(error, "code",
                                                                               repr(error))))
        for n in range(warmup + samples):
            card = card_from_serial(rng.randrange(customers) + 1)
            window.show_screen("lookup")
            workers.wait_idle(10_000)
            app.processEvents()
            lookup.search.setFocus()
            QTest.keyClicks(lookup.search, card)  # the scanner: keys back to back
            loop = QEventLoop()
            painted: list[float] = []

            def done(_customer_id: str, sink: list[float] = painted,
                     events: QEventLoop = loop) -> None:
                sink.append(time.perf_counter())
                events.quit()

            screen.painted.connect(done)
            window.scan_router.failed.connect(loop.quit)
            QTimer.singleShot(5000, loop.quit)
            start = time.perf_counter()
            QTest.keyClick(lookup.search, Qt.Key.Key_Return)
            if not painted:
                loop.exec()
            screen.painted.disconnect(done)
            window.scan_router.failed.disconnect(loop.quit)
            if not painted:
                misses += 1
                continue
            if n >= warmup:
                durations.append((painted[0] - start) * 1000)
        window.close()
        workers.wait_idle(10_000)
    return {"scanner Enter → painted 360": summary(durations),
            "not painted (scan refused or 5 s timeout)": misses, "refusals": refused}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--orders-per-customer", type=int, default=3)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/clienteling-replica-bench"))
    args = parser.parse_args()
    built = generate(args.dir, args.customers, args.orders_per_customer)
    results = {"customers": args.customers, "replica": built, "machine": machine()}
    results.update(measure(args.dir, args.customers, args.samples, args.warmup))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
