"""`clienteling demo` and `clienteling demo --server-only` share one database (DIR/server) and
one port (the demo's fixed one): what a seller does in the app is in the API the other prints.
A taken port is said at once and clearly, before any seeding."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from clienteling.cli import build_parser
from clienteling.settings import DEMO_PORT
from ui.app import EmbeddedDemo

ROOT = Path(__file__).resolve().parents[2]
CUSTOMERS = "20"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "CLIENTELING_DATA_DIR": str(tmp_path / "user")}


def test_the_app_and_server_only_default_to_the_same_port():
    parser = build_parser()
    assert parser.parse_args(["demo", "--server-only"]).port == DEMO_PORT
    assert parser.parse_args(["demo"]).port == DEMO_PORT


@pytest.fixture
def server_only(tmp_path: Path) -> Iterator[tuple[str, Path, int]]:
    port = _free_port()
    folder = tmp_path / "demo"
    process = subprocess.Popen(
        [sys.executable, "-m", "clienteling.cli", "demo", "--server-only", "--customers",
         CUSTOMERS, "--port", str(port), "--data-dir", str(folder)],
        env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT)
    assert process.stdout is not None
    first = process.stdout.readline()  # blocks until it serves (or dies: an empty line)
    try:
        found = re.search(r"http://127\.0\.0\.1:(\d+)", first)
        assert found, first + process.stderr.read() if process.stderr else first
        yield found.group(0), folder, port
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


def test_server_only_serves_the_database_and_port_the_app_uses(server_only):
    url, folder, port = server_only
    assert url == f"http://127.0.0.1:{port}"
    assert (folder / "server" / "demo-central.sqlite3").is_file()
    # The app's demo on the same folder and port signs in to that server, not to a second one.
    demo = EmbeddedDemo(folder / "server", int(CUSTOMERS), port=port)
    phases: list[tuple[str, int]] = []
    sign_in = demo(lambda phase, percent: phases.append((phase, percent)))
    try:
        assert sign_in.server_url == url
        assert demo.server is None  # none started here
        assert phases == []  # nothing to seed: the running demo has it
    finally:
        demo.stop()


def test_a_port_held_by_something_else_is_a_clear_error(tmp_path: Path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "clienteling.cli", "demo", "--server-only", "--port",
             str(port), "--data-dir", str(tmp_path / "demo")],
            env=_env(tmp_path), capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 1
    assert f"the demo port 127.0.0.1:{port} is taken" in run.stderr
    assert "--port" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "demo" / "server" / "demo-central.sqlite3").exists()  # said first


def test_the_demo_start_reports_its_phases_up_to_one_hundred(tmp_path: Path):
    demo = EmbeddedDemo(tmp_path / "server", int(CUSTOMERS), port=0)
    phases: list[tuple[str, int]] = []
    try:
        demo(lambda phase, percent: phases.append((phase, percent)))
    finally:
        demo.stop()
    names = [phase for phase, _ in phases]
    assert names[0] == "migrate" and "generate" in names and names[-1] == "serve"
    assert "import customers.csv" in names
    percents = [percent for _, percent in phases]
    assert percents == sorted(percents) and percents[-1] == 100
