"""A manager of the live server's store (tests/ui/live_server.py), and a device signed in as
them: what the tasks, "task_new" and KPI tests work with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from clienteling.device import Device
from tests.ui.live_server import Seeded, memory_tokens

MANAGER = "ui.manager"
MANAGER_PASSWORD = "manager-password-1"


def ensure_manager(database_url: str, store_id: str) -> None:
    """The store's manager on the live server (added once per test session)."""
    from clienteling.server.auth.models import StaffUser
    from clienteling.server.auth.service import create_user
    from clienteling.server.db import make_engine, make_sessionmaker

    engine = make_engine(database_url)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            if session.scalar(sa.select(StaffUser).where(StaffUser.username == MANAGER)):
                return
            create_user(session, username=MANAGER, password=MANAGER_PASSWORD, role="manager",
                        store_id=store_id, display_name="Dominique Manager")
    finally:
        engine.dispose()


def signed_in(folder: Path, url: str, username: str, password: str) -> Device:
    device = Device(folder, token_store=memory_tokens())
    device.session.update_settings(health_interval_seconds=0.3, backoff_base_seconds=0.2,
                                   backoff_cap_seconds=1.0, connect_timeout_seconds=2.0,
                                   read_timeout_seconds=10.0)
    device.session.sign_in(url, username, password)
    status = device.sync.sync_now()
    assert status.state in ("online", "syncing"), status
    return device


@pytest.fixture
def manager_device(seeded: Seeded, _seeded_database: tuple[str, Seeded],
                   tmp_path: Path) -> Iterator[Device]:
    """A fresh device signed in as the store's manager, its first sync done."""
    ensure_manager(_seeded_database[0], seeded.store_id)
    device = signed_in(tmp_path / "manager-device", seeded.url, MANAGER, MANAGER_PASSWORD)
    yield device
    device.close()


def window_on(qtbot, device: Device):  # type: ignore[no-untyped-def]
    """The main window on a signed-in device, as the app shows it after sign-in (its role's
    sections, the device's news relayed to the screens); returns (window, unsubscribe)."""
    from ui import workers
    from ui.main_window import MainWindow

    window = MainWindow(device)
    qtbot.addWidget(window)
    user = device.session.current_user()
    window.set_user(user)
    window.load_sections(user.role if user else "seller")
    relay = workers.ui_callback(window.replica_changed.emit, owner=window)
    unsubscribe = device.sync.subscribe(relay)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.home()
    return window, unsubscribe


@pytest.fixture
def manager_shell(qtbot, manager_device: Device):  # type: ignore[no-untyped-def]
    window, unsubscribe = window_on(qtbot, manager_device)
    yield window
    unsubscribe()
