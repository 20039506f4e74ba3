"""The managers' client book against a live server on loopback: the book loads from the replica
page by page (qtmodeltester), sorts and filters, opens a row's 360; assigning clients offline
queues and reaches the server when it is back; the CSV export (BOM, the locale's separator,
contact details only with consent) is recorded on the server, one made offline when it syncs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from PySide6.QtCore import QItemSelectionModel, QLocale, Qt

from clienteling.api import models as w
from clienteling.device import Device
from clienteling.domain import exports
from tests.ui.live_server import PASSWORD, Seeded, memory_tokens

MANAGER = "manager.book"
API = "/api/v1"


@pytest.fixture(scope="session")
def _book_manager(_seeded_database: tuple[str, Seeded]) -> str:
    from clienteling.server.auth.models import StaffUser
    from clienteling.server.auth.service import create_user
    from clienteling.server.db import make_engine, make_sessionmaker

    url, data = _seeded_database
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            if session.scalar(sa.select(StaffUser).where(StaffUser.username == MANAGER)) is None:
                create_user(session, username=MANAGER, password=PASSWORD, role="manager",
                            store_id=data.store_id, display_name="Claire Manager")
    finally:
        engine.dispose()
    return MANAGER


def _token(seeded: Seeded) -> dict[str, str]:
    answer = requests.post(f"{seeded.url}{API}/auth/login", timeout=10, json={
        "username": MANAGER, "password": PASSWORD, "device_name": "check"})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture
def book_shell(qtbot, seeded: Seeded, _book_manager: str, tmp_path: Path) -> Iterator[Any]:
    from ui import workers
    from ui.main_window import MainWindow

    device = Device(tmp_path / "manager-device", token_store=memory_tokens())
    device.session.update_settings(health_interval_seconds=0.3, backoff_base_seconds=0.2,
                                   backoff_cap_seconds=1.0, connect_timeout_seconds=1.0,
                                   read_timeout_seconds=10.0)
    device.session.sign_in(seeded.url, _book_manager, PASSWORD)
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


def _open_book(qtbot, shell: Any) -> Any:
    assert shell.rail.button("client_book") is not None
    shell.open_section("client_book")
    screen = shell.screen("client_book")
    qtbot.waitUntil(lambda: not screen.model.loading and screen.model.rowCount() > 0
                    and screen.model.total is not None, timeout=10_000)
    return screen


def test_sellers_never_see_the_client_book() -> None:
    from ui.nav import sections_for

    assert "client_book" not in [s.section_id for s in sections_for("seller")]
    assert "client_book" in [s.section_id for s in sections_for("manager")]


def test_the_book_pages_sorts_filters_and_opens_a_client(qtbot, qtmodeltester, book_shell,
                                                        seeded: Seeded) -> None:
    screen = _open_book(qtbot, book_shell)
    model = screen.model
    device = book_shell.device
    everyone = w.ClientFilters(store_id=seeded.store_id)
    total = device.clients.count(everyone)
    assert model.total == total and total > 0
    # The tester stays connected: every page inserted and every reset below is checked too.
    qtmodeltester.check(model, force_py=True)
    # Pages come in a worker as the view asks for more, until the whole book is there.
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.fetching(), timeout=10_000)
    assert model.rowCount() == total
    ids = [model.client(r).customer_id for r in range(model.rowCount())]
    assert len(set(ids)) == total
    # A header click sorts the book by lifetime value, highest first.
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        screen.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    values = [model.client(r).lifetime_value for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    assert model.filters.sort == w.ClientSort.LIFETIME_VALUE_DESC
    # Filters: a segment, at least two channels, email consent.
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        screen.min_channels.setValue(2)
    rows = [model.client(r) for r in range(model.rowCount())]
    assert rows and all(len(c.channels) >= 2 for c in rows)
    # The rows come first, the count after them.
    with qtbot.waitSignals([model.loaded, model.counted], timeout=10_000):
        screen.consent.setCurrentIndex(screen.consent.findData("email"))
    rows = [model.client(r) for r in range(model.rowCount())]
    assert all(c.consent_email and len(c.channels) >= 2 for c in rows)
    assert model.total == device.clients.count(w.ClientFilters(
        store_id=seeded.store_id, min_channels=2, consent="email",
        sort="-lifetime_value"))
    # A bad amount is said, and loses nothing.
    screen.min_value.setText("abc")
    screen.apply_filters()
    assert "amount" in screen.status.text()
    screen.min_value.setText("")
    # Segment names in the table are in words, not codes.
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        screen.clear_filters()
    shown = {model.data(model.index(r, 8)) for r in range(model.rowCount())}
    assert shown and not shown & {s.value for s in w.SegmentName if s != "new"}
    # Opening a row shows that client's 360.
    first = model.client(0)
    screen.open_row(0)
    qtbot.waitUntil(lambda: book_shell.current_screen() is book_shell.screen("customer"),
                    timeout=10_000)
    assert book_shell.customer_in_context in (None, first.customer_id)


def test_on_a_tablet_the_bar_s_controls_never_overlap(qtbot, book_shell, french) -> None:
    # French words and a counted filter ("Filtres (1)") are the widest the bar gets.
    screen = _open_book(qtbot, book_shell)
    screen.filters_button.setChecked(True)
    with qtbot.waitSignal(screen.model.loaded, timeout=10_000):
        screen.min_channels.setValue(2)
    assert screen.filters_button.text().startswith("Filtres (")
    widgets = [screen.search, screen.lists, screen.save_button, screen.delete_button,
               screen.filters_button, screen.export_button]

    def apart() -> bool:
        return all(not a.geometry().intersects(b.geometry())
                   for i, a in enumerate(widgets) for b in widgets[i + 1:]) and all(
            w.width() >= w.minimumSizeHint().width() for w in widgets[1:])

    for size in ((800, 1280), (1280, 800), (1920, 1080)):
        book_shell.resize(*size)
        qtbot.waitUntil(lambda: screen._narrow == (screen.width() < 1000), timeout=5000)
        qtbot.waitUntil(apart, timeout=5000)


def test_named_lists_are_saved_picked_and_deleted(qtbot, book_shell, seeded: Seeded) -> None:
    screen = _open_book(qtbot, book_shell)
    with qtbot.waitSignal(screen.model.loaded, timeout=10_000):
        screen.segment.setCurrentIndex(screen.segment.findData("lost"))
    task = screen.save_list("  Perdus   à relancer ")
    qtbot.waitUntil(lambda: screen.lists.findData("Perdus à relancer") > 0, timeout=10_000)
    assert task is not None
    with qtbot.waitSignal(screen.model.loaded, timeout=10_000):
        screen.clear_filters()
    assert screen.segment.currentData() is None
    with qtbot.waitSignal(screen.model.loaded, timeout=10_000):
        screen.lists.setCurrentIndex(screen.lists.findData("Perdus à relancer"))
        screen.lists.activated.emit(screen.lists.currentIndex())
    assert screen.segment.currentData() == "lost"
    assert all(screen.model.client(r).segment == "lost"
               for r in range(screen.model.rowCount()))
    screen.delete_current_list()
    qtbot.waitUntil(lambda: screen.lists.findData("Perdus à relancer") < 0, timeout=10_000)
    with pytest.raises(Exception) as refused:
        book_shell.device.clients.save_list("   ", screen.current_filters())
    assert getattr(refused.value, "code", None) == "clients.list_name"


def test_assigning_offline_queues_and_reaches_the_server(qtbot, book_shell, seeded: Seeded,
                                                         live_server) -> None:
    screen = _open_book(qtbot, book_shell)
    qtbot.waitUntil(lambda: screen.assign_to.count() > 0, timeout=10_000)
    seller_id = screen.assign_to.currentData()
    assert screen.assign_to.currentText() == "Camille Seller"
    live_server.stop()
    selection = screen.table.selectionModel()
    for row in (0, 1, 2):
        selection.select(screen.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    chosen = screen.selected_ids()
    assert len(chosen) == 3
    with qtbot.waitSignal(screen.model.loaded, timeout=10_000):
        screen.assign_selection()
    device = book_shell.device
    assert device.sync.sync_status().waiting >= 1
    # Shown at once, as unsent, and the seller filter finds them.
    mine = device.clients.page(w.ClientFilters(store_id=seeded.store_id,
                                               assigned_seller_id=seller_id), limit=500)
    found = {c.customer_id: c for c in mine.items}
    assert set(chosen) <= set(found) and all(found[c].assignment_unsent for c in chosen)
    live_server.start()
    status = device.sync.sync_now()
    assert status.waiting == 0 and status.failed == 0
    answer = requests.get(f"{seeded.url}{API}/clients", headers=_token(seeded), timeout=10,
                          params={"store_id": seeded.store_id, "assigned_seller_id": seller_id,
                                  "limit": 500}).json()
    assert set(chosen) <= {c["customer_id"] for c in answer["items"]}
    after = device.clients.page(w.ClientFilters(store_id=seeded.store_id,
                                                assigned_seller_id=seller_id), limit=500)
    assert {c.customer_id for c in after.items} >= set(chosen)
    assert not any(c.assignment_unsent for c in after.items)


def _read_csv(path: Path, separator: str) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8")), delimiter=separator))


def test_export_in_french_is_masked_and_recorded_even_offline(qtbot, book_shell, french,
                                                              seeded: Seeded, live_server,
                                                              tmp_path: Path) -> None:
    from ui.client_book.screen import csv_separator

    assert csv_separator(QLocale("fr_FR")) == ";" and csv_separator(QLocale("en_US")) == ","
    screen = _open_book(qtbot, book_shell)
    device = book_shell.device
    live_server.stop()
    target = tmp_path / "clients.csv"
    task = screen.export_to(str(target))
    assert task is not None
    qtbot.waitUntil(lambda: screen._export_task is None, timeout=30_000)
    rows = _read_csv(target, ";")
    assert len(rows) == device.clients.count(screen.model.filters)
    assert list(rows[0]) == list(exports.COLUMNS)
    with _replica(device) as conn:
        stored = {r[0]: r for r in conn.exec_driver_sql(
            "SELECT customer_id, email, phone, consent_email, consent_sms FROM customers")}
    assert any(r["email"] for r in rows) and any(not r["email"] for r in rows)
    for r in rows:
        _, email, phone, consent_email, consent_sms = stored[r["customer_id"]]
        assert r["email"] == ((email or "") if consent_email else "")
        assert r["phone"] == ((phone or "") if consent_sms else "")
    # Made offline: recorded when the device syncs.
    assert device.sync.sync_status().waiting >= 1
    live_server.start()
    assert device.sync.sync_now().waiting == 0
    records = requests.get(f"{seeded.url}{API}/exports", headers=_token(seeded), timeout=10,
                           params={"store_id": seeded.store_id}).json()
    assert records[0]["rows"] == len(rows)
    assert records[0]["filters"]["store_id"] == seeded.store_id


class _replica:  # a context manager named as it reads
    def __init__(self, device: Device) -> None:
        self._device = device

    def __enter__(self) -> Any:
        session = self._device._context.need()
        self._cm = session.replica.read()
        return self._cm.__enter__()

    def __exit__(self, *exc: object) -> None:
        self._cm.__exit__(*exc)


def test_a_cancelled_export_leaves_no_file_and_no_record(qtbot, book_shell,
                                                         tmp_path: Path) -> None:
    device = book_shell.device
    filters = w.ClientFilters(store_id=device.clients.store_id())
    before = device.sync.sync_status().waiting
    target = tmp_path / "never.csv"
    assert device.clients.export_csv(filters, target, cancelled=lambda: True) is None
    assert not target.exists() and not (tmp_path / "never.csv.part").exists()
    assert device.sync.sync_status().waiting == before
    with pytest.raises(Exception) as refused:
        device.clients.export_csv(filters, target, separator="\t")
    assert getattr(refused.value, "code", None) == "export.separator"


def test_the_same_list_online_and_from_the_replica(book_shell, seeded: Seeded,
                                                   live_server) -> None:
    device = book_shell.device
    for values in ({}, {"sort": "-lifetime_value", "min_channels": 2},
                   {"segment": "lost", "sort": "last_purchase_at"},
                   {"consent": "sms", "sort": "-orders_count"}):
        f = w.ClientFilters(store_id=seeded.store_id, **values)
        local, online = [], []
        after: str | None = None
        while True:
            page = device.clients.page(f, after, limit=7)
            local += [(c.customer_id, c.lifetime_value, c.segment) for c in page.items]
            if page.next_cursor is None:
                break
            after = page.next_cursor
        after = None
        while True:
            page = device.clients.page(f, after, limit=7, source="server")
            online += [(c.customer_id, c.lifetime_value, c.segment) for c in page.items]
            if page.next_cursor is None:
                break
            after = page.next_cursor
        assert local == online, values
        assert device.clients.server_total(f) == device.clients.count(f) == len(local)
    live_server.stop()
    with pytest.raises(Exception) as offline:
        device.clients.page(w.ClientFilters(store_id=seeded.store_id), source="server")
    assert getattr(offline.value, "code", None) == "clients.offline"
