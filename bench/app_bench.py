"""The app's own figures: cold start to a usable window on a 100,000-customer replica, the UI
thread's longest stall while a first sync of 100,000 customers runs, and the app's memory.

- **cold start**: a new Python process per sample (nothing imported, nothing cached but the
  OS's file cache) opens the app (`ui.app.AppSession`) on the replica of `replica_bench.py`;
  the clock runs from the process's first line to the frame's first paint with the lookup on
  screen and its search field focused (`AppSession.ready`, then a paint). Reported: median
  and worst of the samples, and the process's RSS then.
- **UI stalls during a first sync**: the server of `sync_bench.py` (PAR01 with N customers,
  their orders, timeline and wishlists) in its own process; the app signs in through its
  sign-in page and downloads everything while a 10 ms QTimer heartbeat records the gaps
  between its ticks on the UI thread. Reported: the longest gap, the 99th percentile, the
  number of gaps over 100 ms, the sync's duration, and the RSS with the replica full. The sync
  runs in a child process (the app's way, `clienteling.sync.child`) and, for the ratio in the
  same run, in a thread of the app's process (`--sync-in child,thread`, the default).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/app_bench.py --customers 100000 \\
        --dir /tmp/app-bench [--samples 5] [--skip-sync] [--against /tmp/app-before]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HEARTBEAT_MS = 10
TYPING_S = 3.0  # the time a seller takes to type the server, username and password
STALL_MS = 100


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def memory_tokens() -> Any:
    """Tokens in memory: a benchmark never touches the keyring."""
    import keyring.backends.fail

    from clienteling.settings import TokenStore

    return TokenStore(backend=keyring.backends.fail.Keyring())


# --- cold start (the child runs this module with --child-cold-start) ----------------------


def child_cold_start(folder: Path) -> None:
    """One cold start, in this fresh process: print one JSON line and exit."""
    started = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer

    from ui.app import AppSession, ensure_application

    app = ensure_application([sys.argv[0]])
    session = AppSession(folder, token_store=memory_tokens())
    result: dict[str, Any] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "ready_s" in result \
                    and "painted_s" not in result:
                result["painted_s"] = time.perf_counter() - started
                QTimer.singleShot(0, app.quit)
            return False

    def on_ready() -> None:
        result["ready_s"] = time.perf_counter() - started
        # CPU time of the process so far (all threads): steadier than wall time on a busy
        # machine, and the floor of the wall time on a quiet one.
        result["cpu_s"] = round(time.process_time(), 3)
        screen = session.window.current_screen()
        result["screen"] = screen.screen_id if screen else None
        focus = app.focusWidget()
        result["focus"] = focus.accessibleName() if focus is not None else None
        session.window.update()

    painter = FirstPaint()
    session.window.installEventFilter(painter)
    session.ready.connect(on_ready)
    QTimer.singleShot(30_000, app.quit)
    session.start()
    app.exec()
    result["rss_mb"] = rss_mb()
    session.shutdown()
    print(json.dumps(result), flush=True)


def one_cold_start(folder: Path, root: Path = ROOT) -> dict[str, Any]:
    """A cold start in a new process, of the app in `root` (this checkout, or another one)."""
    spawned = time.perf_counter()
    out = subprocess.run([sys.executable, str(root / "bench" / "app_bench.py"),
                          "--child-cold-start", str(folder)],
                         capture_output=True, text=True, timeout=120, check=True, cwd=root,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                              "PYTHONPATH": str(root)})
    wall = time.perf_counter() - spawned
    line = [x for x in out.stdout.splitlines() if x.startswith("{")][-1]
    run = json.loads(line)
    run["process_wall_s"] = round(wall, 3)
    return run


def cold_start_figures(runs: list[dict[str, Any]]) -> dict[str, Any]:
    painted = sorted(r["painted_s"] for r in runs)
    cpu = sorted(r["cpu_s"] for r in runs)
    return {"samples": len(runs),
            "usable_s_median": round(painted[len(painted) // 2], 3),
            "usable_s_best": round(painted[0], 3),
            "usable_s_worst": round(painted[-1], 3),
            "cpu_s_median": round(cpu[len(cpu) // 2], 3),
            "screen": runs[0]["screen"], "focus": runs[0]["focus"],
            "rss_mb_at_start": max(r["rss_mb"] for r in runs),
            "runs": runs}


def cold_start(folder: Path, customers: int, samples: int,
               against: Path | None = None) -> dict[str, Any]:
    """`samples` cold starts; with `against` (another checkout of the app, e.g. the commit
    before a change), as many of it, taking turns, so that the load of a shared machine falls
    on both alike: their ratio holds when the absolute figures do not."""
    from replica_bench import generate

    made = generate(folder, customers, 3)
    runs: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    for n in range(samples):
        pair = [(runs, ROOT)] + ([(other, against)] if against is not None else [])
        for sink, root in (pair if n % 2 == 0 else pair[::-1]):
            sink.append(one_cold_start(folder, root))
    report = {"replica": made, **cold_start_figures(runs)}
    if against is not None:
        theirs = cold_start_figures(other)
        report["against"] = {"checkout": str(against), **theirs}
        report["usable median, this ÷ against"] = round(
            report["usable_s_median"] / theirs["usable_s_median"], 2)
        report["cpu median, this ÷ against"] = round(
            report["cpu_s_median"] / theirs["cpu_s_median"], 2)
    return report


# --- UI stalls during the first sync ------------------------------------------------------


def first_sync_stalls(folder: Path, customers: int, page_size: int | None,
                      in_child: bool = True, trace: bool = False) -> dict[str, Any]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit
    from sync_bench import PASSWORD, build_server, free_port, start_server

    from clienteling.settings import Paths, Settings
    from ui.app import AppSession, ensure_application

    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'central.sqlite3'}"
    built = None
    if not (folder / "central.sqlite3").exists():
        built = build_server(url, customers, 3)
    port = free_port()
    server = start_server(url, port, folder / "server.log")
    try:
        app = ensure_application([sys.argv[0]])
        device = folder / f"device-{time.time_ns()}"
        # The app's own settings (page size included) unless the run asks for another page.
        settings = Settings(read_timeout_seconds=120.0)
        if page_size:
            settings.page_size = page_size
        settings.save(Paths.for_user(device))
        session = AppSession(device, token_store=memory_tokens(), sync_in_child=in_child)
        session.start()
        while session.page() is not session.sign_in_page:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        page = session.sign_in_page
        fields = {w.accessibleName(): w for w in page.findChildren(QLineEdit)}
        QTest.keyClicks(fields["Server address"], f"http://127.0.0.1:{port}")
        QTest.keyClicks(fields["Username"], "bench.seller")
        QTest.keyClicks(fields["Password"], PASSWORD)
        # A seller takes seconds to type: what the app starts while the sign-in page shows
        # (e.g. the camera's backend, AppSession.prepare_camera) is done before "Sign in".
        settle = time.monotonic() + TYPING_S
        while time.monotonic() < settle:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

        gaps: list[float] = []
        clock = QElapsedTimer()
        heartbeat = QTimer()
        heartbeat.setInterval(HEARTBEAT_MS)

        moments: list[float] = []

        def beat() -> None:
            gaps.append(clock.nsecsElapsed() / 1e6)
            moments.append(time.perf_counter())
            clock.restart()

        ready_at: list[float] = []
        session.ready.connect(lambda: ready_at.append(time.perf_counter()))

        heartbeat.timeout.connect(beat)
        clock.start()
        heartbeat.start()
        started = time.perf_counter()
        where: list[tuple[float, str]] = []
        if trace:
            from frame_bench import watch_stalls

            # The beats' moments in ms after "Sign in", as watch_stalls wants them.
            beat_ms: list[float] = []
            heartbeat.timeout.connect(
                lambda: beat_ms.append((time.perf_counter() - started) * 1000))
            watch_stalls(beat_ms, lambda: (time.perf_counter() - started) * 1000, where)
        page.submit()

        def done() -> bool:
            status = session.window.sync_status
            return bool(status is not None and status.state == "online" and not status.partial
                        and status.last_sync_at is not None)

        deadline = time.monotonic() + 3600
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: (done() or time.monotonic() > deadline) and loop.quit())
        poll.start(200)
        loop.exec()
        seconds = time.perf_counter() - started
        heartbeat.stop()
        poll.stop()
        # The first beat measures from the start; the rest are the UI thread's true gaps.
        stalls = sorted(g - HEARTBEAT_MS for g in gaps[1:])
        counts = session.device.sync.replica_info()["counts"]
        result = {
            "sync": "child process" if in_child else "thread",
            "server data": built, "synced": done(), "seconds": round(seconds, 1),
            "page_size": settings.page_size,
            "customers": counts.get("customer"), "orders": counts.get("order"),
            "beats": len(gaps),
            "longest_stall_ms": round(stalls[-1], 1) if stalls else None,
            "p99_stall_ms": round(stalls[int(len(stalls) * 0.99)], 1) if stalls else None,
            "stalls_over_100ms": sum(1 for g in stalls if g > STALL_MS),
            "rss_mb_with_replica": rss_mb(),
            # When each long gap ended, in seconds after the click on "Sign in" (the frame
            # appears at `frame_shown_s`).
            "frame_shown_s": round(ready_at[0] - started, 2) if ready_at else None,
            "long_gaps": [(round(m - started, 2), round(g, 1)) for m, g in zip(moments, gaps,
                                                                          strict=True)
                          if g - HEARTBEAT_MS > STALL_MS],
        }
        if trace:
            # Where the UI thread was while the heartbeat was late by 30 ms or more.
            result["stall_samples"] = where
        session.shutdown()
        session.window.close()
        app.processEvents()
        return result
    finally:
        server.terminate()
        server.wait(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--page-size", type=int, default=None,
                        help="feed page size (default: the app's setting)")
    parser.add_argument("--skip-sync", action="store_true")
    parser.add_argument("--sync-in", default="child,thread",
                        help="where the first sync runs, in order: child (a child process, "
                             "the app's way), thread (in the app's process, the old way)")
    parser.add_argument("--skip-cold-start", action="store_true")
    parser.add_argument("--trace", action="store_true",
                        help="first sync: note where the UI thread is while the heartbeat is late")
    parser.add_argument("--against", type=Path, default=None,
                        help="another checkout of the app (e.g. `git worktree add /tmp/before "
                             "<commit>`): cold starts of both, taking turns, and their ratio")
    parser.add_argument("--child-cold-start", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_cold_start:
        child_cold_start(args.child_cold_start)
        return 0
    from replica_bench import machine

    folder = args.dir or Path(tempfile.mkdtemp(prefix="clienteling-app-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": machine(), "customers": args.customers}
    if not args.skip_cold_start:
        report["cold start"] = cold_start(folder / "replica", args.customers, args.samples,
                                          args.against)
    if not args.skip_sync:
        report["first sync"] = [
            first_sync_stalls(folder / "sync", args.customers, args.page_size,
                              in_child=where == "child", trace=args.trace)
            for where in args.sync_in.split(",")]
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
