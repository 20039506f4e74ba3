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
from tests.ui.live_server import _seeded_database, facade, live_server, seeded, shell  # noqa: E402, F401
