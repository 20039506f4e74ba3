"""Shared fixtures of the app's tests: one style, a known language, and no worker left running."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

import resources


@pytest.fixture(scope="session", autouse=True)
def _app_style(qapp: QApplication) -> None:
    """The app's style sheet, as the real app applies it (layouts are measured with it)."""
    qapp.setStyleSheet(resources.style_sheet())


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[str]:
    """Every UI test speaks English unless it asks for `french` (texts tests compare)."""
    from ui import i18n

    i18n.install("en", QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield "en"


@pytest.fixture
def french(english: str) -> Iterator[str]:
    """Switch the app to French for this test (then back to English)."""
    from ui import i18n

    i18n.install("fr", QLocale(QLocale.Language.French, QLocale.Country.France))
    yield "fr"
    i18n.install("en", QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


@pytest.fixture(autouse=True)
def _no_worker_left(qapp: QApplication) -> Iterator[None]:
    """A test that leaves a worker running fails: its result would land in the next test."""
    from ui import workers

    yield
    if not workers.wait_idle(10_000):
        pytest.fail(f"{workers.in_flight()} worker task(s) still running after the test")


# A real central API on loopback and a façade signed in to it (see tests/ui/live_server.py).
from tests.ui.live_server import (  # noqa: E402, F401
    _seeded_database,
    facade,
    live_server,
    memory_tokens,
    seeded,
    shell,
)

# A shop-floor device notices a dead network within seconds; tests want it within one.
FAST_SYNC = dict(health_interval_seconds=0.3, backoff_base_seconds=0.1, backoff_cap_seconds=0.5,
                 pull_interval_seconds=1.0, connect_timeout_seconds=1.0, read_timeout_seconds=5.0)


@pytest.fixture
def app_session(qtbot, tmp_path):
    """The whole app on a fresh device (nothing saved but quick sync timings), its window on
    the sign-in page. Use `AppSession.sign_in_page` to sign in as a person would."""
    from clienteling.settings import Paths, Settings
    from ui.app import AppSession

    device = tmp_path / "device"
    Settings(**FAST_SYNC).save(Paths.for_user(device))
    session = AppSession(device, token_store=memory_tokens())
    session.start()
    qtbot.waitUntil(lambda: session.page() is session.sign_in_page, timeout=10_000)
    yield session
    session.shutdown()
    session.window.close()
    session.window.deleteLater()
