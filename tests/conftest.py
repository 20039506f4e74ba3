"""Fixtures shared by every test: the Qt platform, and a live central API on loopback with a
fault proxy in front of it (the sync and the command-line tests both drive it)."""

from __future__ import annotations

import os

# Before anything imports Qt: there is no screen on CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
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
