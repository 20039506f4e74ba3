"""Issue 13's screens against a live server: the managers' devices screen (revoke with a
confirmation, "lost with the device"; sellers never see it), the 360's consent history (and what
it says offline), a manager's GDPR export and erasure from the 360, and the app going back to
the sign-in page, saying why, when its device is revoked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton

from clienteling.device import Device
from tests.ui.live_server import PASSWORD, Seeded, memory_tokens
from tests.ui.test_sync_screen import sign_in
from ui.nav import sections_for

MANAGER = "manager.privacy"
API = "/api/v1"


@pytest.fixture(scope="session")
def _manager(_seeded_database: tuple[str, Seeded]) -> str:
    """A manager of the seeded seller's store, made once in the session's database."""
    from clienteling.server.auth.models import StaffUser
    from clienteling.server.auth.service import create_user
    from clienteling.server.db import make_engine, make_sessionmaker

    url, data = _seeded_database
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            if session.scalar(sa.select(StaffUser).where(StaffUser.username == MANAGER)) is None:
                create_user(session, username=MANAGER, password=PASSWORD, role="manager",
                            store_id=data.store_id, display_name="Dominique Manager")
    finally:
        engine.dispose()
    return MANAGER


def _login(seeded: Seeded, username: str, device: str) -> dict[str, Any]:
    answer = requests.post(f"{seeded.url}{API}/auth/login", timeout=10, json={
        "username": username, "password": PASSWORD, "device_name": device})
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


@pytest.fixture
def manager_shell(qtbot, seeded: Seeded, _manager: str, tmp_path: Path) -> Iterator[Any]:
    from ui import workers
    from ui.main_window import MainWindow

    device = Device(tmp_path / "manager-device", token_store=memory_tokens())
    device.session.sign_in(seeded.url, _manager, PASSWORD)
    assert device.sync.sync_now().state in ("online", "syncing")
    window = MainWindow(device)
    qtbot.addWidget(window)
    user = device.session.current_user()
    assert user is not None and user.role == "manager"
    window.set_user(user)
    window.load_sections(user.role)
    unsubscribe = device.sync.subscribe(workers.ui_callback(window.replica_changed.emit,
                                                       owner=window))
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.home()
    yield window
    unsubscribe()
    workers.wait_idle(10_000)
    device.close()


def _click_box_button(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_sellers_never_see_the_devices_screen() -> None:
    assert "devices" not in [s.section_id for s in sections_for("seller")]
    assert "devices" in [s.section_id for s in sections_for("manager")]


def test_a_manager_revokes_a_lost_tablet_and_sees_what_it_had_not_sent(
        qtbot, qtmodeltester, manager_shell, seeded: Seeded) -> None:
    lost = _login(seeded, seeded.username, "Tablet by the fitting rooms")
    report = requests.put(
        f"{seeded.url}{API}/devices/current/outbox", timeout=10,
        headers={"Authorization": f"Bearer {lost['access_token']}"},
        json={"entries": [{"kind": "order.create", "customer_id": seeded.customer_id,
                           "order_number": "PAR01-261129-LOST", "created_at":
                           "2026-11-29T09:00:00Z"}]})
    assert report.status_code == 204, report.text

    assert manager_shell.rail.button("devices") is not None  # the managers' rail has it
    manager_shell.open_section("devices")
    screen = manager_shell.screen("devices")
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(screen.model)
    row = next(i for i in range(screen.model.rowCount())
               if screen.model.device(i).name == "Tablet by the fitting rooms")
    assert screen.model.index(row, 3).data() == "Active"
    screen.table.selectRow(row)
    assert screen.revoke_button.isVisible()
    QTest.mouseClick(screen.revoke_button, Qt.MouseButton.LeftButton)
    box = screen.confirm_box
    assert box is not None and "cannot be undone" in box.text()
    _click_box_button(box, "Revoke")

    def shows_lost() -> bool:
        return "Lost with the device: 1" in screen.lost_words.text()

    qtbot.waitUntil(shows_lost, timeout=10_000)
    assert "PAR01-261129-LOST" in screen.lost_words.text()
    assert "Order" in screen.lost_words.text()
    row = next(i for i in range(screen.model.rowCount())
               if screen.model.device(i).name == "Tablet by the fitting rooms")
    assert screen.model.index(row, 3).data() == "Revoked"
    assert not screen.revoke_button.isVisible()
    # The manager's own device is marked and cannot be revoked from itself.
    own = [i for i in range(screen.model.rowCount())
           if screen.model.index(i, 0).data().endswith("(this device)")]
    assert len(own) == 1
    screen.table.selectRow(own[0])
    assert not screen.revoke_button.isVisible()
    assert "device you are using" in screen.lost_words.text()
    # The revoked tablet's token no longer works.
    me = requests.get(f"{seeded.url}{API}/auth/me", timeout=10,
                      headers={"Authorization": f"Bearer {lost['access_token']}"})
    assert me.json()["code"] == "auth.device_revoked"


def test_the_devices_screen_says_when_the_server_cannot_be_reached(
        qtbot, manager_shell, live_server) -> None:
    live_server.stop()
    manager_shell.open_section("devices")
    screen = manager_shell.screen("devices")
    qtbot.waitUntil(lambda: "cannot be reached" in screen.status.text(), timeout=15_000)
    assert screen.pages.currentWidget() is screen.status


def _open_360(qtbot, window, customer_id: str) -> Any:
    window.show_screen("customer", customer_id=customer_id)
    screen = window.screen("customer")
    qtbot.waitUntil(lambda: screen.data is not None
                    and screen.data.profile.customer_id == customer_id, timeout=10_000)
    return screen


def test_the_360_shows_the_consent_history(qtbot, qtmodeltester, shell, facade,
                                           seeded: Seeded, live_server) -> None:
    facade.customers.record_consent(seeded.customer_id, "sms", True, "phone")
    assert facade.sync.sync_now().waiting == 0
    screen = _open_360(qtbot, shell, seeded.customer_id)
    assert not screen.gdpr.isVisible()  # a seller: no GDPR actions
    button = screen.findChild(QPushButton, "consentHistoryButton")
    assert button is not None and button.isVisible()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = screen.consent_history_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10_000)
    qtmodeltester.check(dialog.table.model())
    first = [dialog.table.item(0, c).text() for c in range(4)]
    assert first[1:] == ["SMS given", "on the phone", seeded.username]
    dialog.close()

    live_server.stop()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    offline = screen.consent_history_dialog
    qtbot.waitUntil(lambda: "cannot be reached" in offline.status.text(), timeout=15_000)
    assert offline.retry.isVisible()
    offline.close()


def test_a_manager_exports_then_erases_a_customer_from_the_360(
        qtbot, manager_shell, seeded: Seeded, _manager: str, tmp_path: Path,
        _seeded_database: tuple[str, Seeded]) -> None:
    token = _login(seeded, _manager, "office")["access_token"]
    made = requests.post(f"{seeded.url}{API}/customers", timeout=10,
                         headers={"Authorization": f"Bearer {token}"},
                         json={"first_name": "Agathe", "last_name": "Effacée",
                               "email": "agathe@example.fr"})
    assert made.status_code == 201, made.text
    customer_id = made.json()["customer_id"]
    device = manager_shell.device
    device.sync.sync_now()
    screen = _open_360(qtbot, manager_shell, customer_id)
    gdpr = screen.gdpr
    assert gdpr.isVisible() and gdpr.export_action.isEnabled()

    with qtbot.waitSignal(gdpr.exported, timeout=15_000) as saved:
        gdpr.export_to(tmp_path / "exports")
    document_path, page_path = saved.args[0]
    document = json.loads(Path(document_path).read_text(encoding="utf-8"))
    assert document["customer"]["customer_id"] == customer_id
    assert "Effacée" in Path(page_path).read_text(encoding="utf-8")

    gdpr.erase_action.trigger()
    box = gdpr.confirm_box
    assert box is not None and "Agathe Effacée" in box.text()
    with qtbot.waitSignal(gdpr.erased, timeout=15_000) as erased:
        _click_box_button(box, "Erase")
    assert erased.args[0].done is True
    gone = requests.get(f"{seeded.url}{API}/customers/{customer_id}", timeout=10,
                        headers={"Authorization": f"Bearer {token}"})
    assert gone.status_code == 404
    # Both recorded in the audit log, with the manager who asked.
    from clienteling.server.audit.models import AuditEntry
    from clienteling.server.db import make_engine, make_sessionmaker

    engine = make_engine(_seeded_database[0])
    try:
        with make_sessionmaker(engine)() as session:
            trail = session.execute(sa.select(AuditEntry.action, AuditEntry.username).where(
                AuditEntry.customer_id == customer_id).order_by(AuditEntry.id)).all()
    finally:
        engine.dispose()
    assert [tuple(t) for t in trail] == [("gdpr.export", _manager), ("gdpr.erase", _manager)]


@pytest.mark.parametrize("in_child", [True, False], ids=["sync child", "sync thread"])
def test_a_revoked_app_goes_back_to_sign_in_saying_why(
        qtbot, app_session, seeded: Seeded, _manager: str, in_child: bool) -> None:
    """The app's own way (the sync child owns the replica: it wipes and says so on its lines)
    and the in-process thread's."""
    from clienteling.sync.child import ChildSync

    app_session.sync_in_child = in_child
    sign_in(qtbot, app_session, seeded)
    device = app_session.device
    qtbot.waitUntil(lambda: device.sync._need().engine.running, timeout=20_000)
    assert isinstance(device.sync._need().engine, ChildSync) is in_child
    name = device.session.settings.device_name
    token = _login(seeded, _manager, "office")["access_token"]
    bearer = {"Authorization": f"Bearer {token}"}
    devices = requests.get(f"{seeded.url}{API}/devices", headers=bearer, timeout=10).json()
    device_id = max(d["device_id"] for d in devices
                    if d["name"] == name and d["username"] == seeded.username
                    and not d["revoked"])
    assert requests.post(f"{seeded.url}{API}/devices/{device_id}/revoke", headers=bearer,
                         timeout=10).status_code == 200
    device.customers.add_note(seeded.customer_id, "after the revocation")  # kicks the sync
    qtbot.waitUntil(lambda: app_session.page() is app_session.sign_in_page, timeout=20_000)
    words = app_session.sign_in_page.error.text()
    assert "revoked by your store" in words and "Nothing of it is left here" in words
    assert not device.session.signed_in
    assert not list(device.session.paths.replicas_dir.glob("*"))
