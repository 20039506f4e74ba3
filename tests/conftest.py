"""Fixtures shared by every test: the Qt platform, and a live central API on loopback with a
fault proxy in front of it (the sync and the command-line tests both drive it)."""

from __future__ import annotations

import importlib.util
import os

# Before anything imports Qt: there is no screen on CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests import pg
from tests.sync.faultproxy import FaultProxy, proxied
from tests.sync.live import LiveServer, start_server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = start_server(tmp_path / "server")
    yield live
    live.stop()


@pytest.fixture
def proxy(server: LiveServer) -> Iterator[FaultProxy]:
    front = proxied(server.url)
    yield front
    front.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop the PostgreSQL databases this run created (none when CLIENTELING_TEST_PG_URL
    names the database to use)."""
    pg.drop_created()


# --- the core's run without Qt (.ci/run's "core without PySide6" step) -------------------------

NO_SKIPS = "CLIENTELING_TESTS_NO_SKIPS"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Without pytest-qt (a venv with no PySide6), its settings in pyproject.toml are declared
    here, so that `--strict-config` still holds and nothing else is loosened."""
    if importlib.util.find_spec("pytestqt") is None:
        parser.addini("qt_api", "pytest-qt's binding (pytest-qt absent)")
        parser.addini("qt_log_level_fail", "pytest-qt's Qt log level (pytest-qt absent)")
        parser.addini("qt_log_ignore", "pytest-qt's ignored messages (pytest-qt absent)",
                      type="linelist")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """With CLIENTELING_TESTS_NO_SKIPS=1 a skipped test fails: a run meant to prove something
    (the core without Qt) cannot pass by skipping what it should prove."""
    report: pytest.TestReport = yield
    if os.environ.get(NO_SKIPS) == "1" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in a run where nothing may be skipped: {report.longrepr}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector
                               ) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """The same for a whole module skipped at collection (`pytest.importorskip("PySide6")`)."""
    report: pytest.CollectReport = yield
    if os.environ.get(NO_SKIPS) == "1" and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in a run where nothing may be skipped: {report.longrepr}"
    return report
