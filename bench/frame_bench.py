"""The UI thread around the signed-in frame's first build: the heartbeat's gaps from the moment
the device services are open until a while after the frame's first paint, on a signed-in
replica (the one of `replica_bench.py`), without a server.

It is the moment `app_bench.py`'s first sync found its longest stalls in (the frame built and
painted after sign-in), taken alone so that it can be measured often and profiled: each sample
is a fresh process (nothing imported, as after a real start); a 10 ms QTimer heartbeat runs on
the UI thread from the QApplication on, and the gaps between its ticks are reported with what
happened around them (device open, frame built, first paint).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/frame_bench.py --dir /tmp/app-bench/replica \\
        [--customers 100000] [--samples 5] [--after-ms 3000] [--profile out.pstats] \\
        [--trace] [--against /tmp/app-before]

`--profile` runs one sample under cProfile (the UI thread only) and writes its stats there.
Figures go to stdout as JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HEARTBEAT_MS = 10


def watch_stalls(beats: list[float], now: Any, samples: list[tuple[float, str]]) -> None:
    """A thread that, while the heartbeat is late by 30 ms or more, notes every 5 ms where the
    UI thread is (its innermost frames of our code): what a gap is made of."""
    import sys as _sys
    import threading
    import traceback

    main = threading.main_thread().ident or 0

    def watch() -> None:
        while True:
            time.sleep(0.005)
            if beats and now() - beats[-1] > 30 + HEARTBEAT_MS:
                frame = _sys._current_frames().get(main)
                stack = traceback.extract_stack(frame)[-6:] if frame is not None else []
                where = " < ".join(f"{Path(f.filename).name}:{f.lineno}:{f.name}"
                                   for f in reversed(stack))
                samples.append((round(now(), 1), where))

    threading.Thread(target=watch, daemon=True).start()


def child(folder: Path, after_ms: int, profile: str | None, trace: bool = False) -> None:
    """One start in this fresh process; one JSON line on stdout."""
    started = time.perf_counter()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    from app_bench import memory_tokens
    from PySide6.QtCore import QEvent, QObject, QTimer

    from ui.app import AppSession, ensure_application

    app = ensure_application([sys.argv[0]])
    marks: dict[str, float] = {}
    beats: list[float] = []

    def now() -> float:
        return (time.perf_counter() - started) * 1000

    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(now()))
    heartbeat.start()
    samples: list[tuple[float, str]] = []
    if trace:
        watch_stalls(beats, now, samples)

    session = AppSession(folder, token_store=memory_tokens(), sync_in_child=True)
    # The sync child would try the benchmark's unreachable server: harmless, but not measured.
    entered = session._enter_frame

    def enter_frame(user: Any, *rest: Any) -> None:
        marks["frame build start"] = now()
        entered(user, *rest)
        marks["frame build end"] = now()

    session._enter_frame = enter_frame  # type: ignore[method-assign,assignment]

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "frame build end" in marks \
                    and "first paint" not in marks:
                marks["first paint"] = now()
                QTimer.singleShot(after_ms, app.quit)
            return False

    painter = FirstPaint()
    session.window.installEventFilter(painter)
    session.ready.connect(lambda: marks.setdefault("ready", now()))
    QTimer.singleShot(60_000, app.quit)
    marks["start"] = now()
    session.start()
    app.exec()
    heartbeat.stop()
    if profiler is not None and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    screen = session.window.current_screen()
    session.shutdown()
    gaps = [(round(b, 1), round(b - a - HEARTBEAT_MS, 1)) for a, b in itertools.pairwise(beats)]
    # From the frame's build on: what a seller who just signed in would feel.
    after = [(at, g) for at, g in gaps if at >= marks.get("frame build start", 1e12)]
    print(json.dumps({"marks": {k: round(v, 1) for k, v in marks.items()},
                      "screen": screen.screen_id if screen else None,
                      "longest_gap_after_frame_ms": max((g for _, g in after), default=None),
                      "gaps_over_30ms": [x for x in gaps if x[1] > 30],
                      "stall_samples": samples}), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/clienteling-app-bench/replica"))
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--after-ms", type=int, default=3000)
    parser.add_argument("--profile", default=None)
    parser.add_argument("--trace", action="store_true",
                        help="note where the UI thread is while the heartbeat is late")
    parser.add_argument("--against", type=Path, default=None,
                        help="another checkout of the app: as many samples of it, taking turns")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.dir, args.after_ms, args.profile, args.trace)
        return 0
    from replica_bench import generate, machine

    made = generate(args.dir, args.customers, 3)
    roots = [ROOT] + ([args.against] if args.against else [])
    runs: dict[Path, list[dict[str, Any]]] = {root: [] for root in roots}
    for n in range(args.samples):
        # Taking turns: the load of a shared machine falls on both checkouts alike.
        for root in (roots if n % 2 == 0 else roots[::-1]):
            command = [sys.executable, str(root / "bench" / "frame_bench.py"), "--child",
                       "--dir", str(args.dir), "--after-ms", str(args.after_ms)]
            if args.trace:
                command.append("--trace")
            if args.profile and n == 0 and root == ROOT:
                command += ["--profile", args.profile]
            out = subprocess.run(command, capture_output=True, text=True, timeout=180,
                                 check=True, cwd=root,
                                 env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                      "PYTHONPATH": str(root)})
            runs[root].append(json.loads([x for x in out.stdout.splitlines()
                                          if x.startswith("{")][-1]))
    report: dict[str, Any] = {"machine": machine(), "replica": made, "samples": args.samples}
    for root in roots:
        mine = runs[root]
        longest = [r["longest_gap_after_frame_ms"] for r in mine]
        build = [r["marks"]["frame build end"] - r["marks"]["frame build start"] for r in mine]
        report[str(root)] = {
            "longest_gap_after_frame_ms": {"median": statistics.median(longest),
                                           "max": max(longest)},
            "frame_build_ms": {"median": round(statistics.median(build), 1),
                               "max": round(max(build), 1)},
            "runs": mine}
    if args.against:
        ours, theirs = report[str(ROOT)], report[str(args.against)]
        report["longest gap median, this ÷ against"] = round(
            ours["longest_gap_after_frame_ms"]["median"]
            / theirs["longest_gap_after_frame_ms"]["median"], 2)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
