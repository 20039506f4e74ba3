"""The Tasks section, the new task form and the KPIs screen on a real server on loopback: what
a seller and a manager see and do, the rail's count, every model through qtmodeltester."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clienteling.device import Device
from clienteling.domain.kpis import KpiFigures
from clienteling.replica.views import ChangeSet, KpiReport, TaskView
from tests.ui.live_server import LiveServer
from tests.ui.tasks_fixtures import manager_device, manager_shell  # noqa: F401

TODAY = dt.date.today()


def _task(task_id: str, *, due: dt.date = TODAY, status: str = "open", sync: str = "synced",
          snoozed: dt.date | None = None) -> TaskView:
    return TaskView(task_id=task_id, store_id="S", customer_id="c1", customer_name="Marie Roux",
                    assignee_id=1, channel="call", due_on=due, reason="Nouvelle collection",
                    status=status, snoozed_until=snoozed, updated_at=None,
                    sync=sync)  # type: ignore[arg-type]


def test_the_tasks_model_passes_the_model_tester(qtmodeltester) -> None:
    from ui.tasks.models import TasksModel

    model = TasksModel()
    model.set_tasks([_task("a", due=TODAY - dt.timedelta(days=2)), _task("b"),
                     _task("c", sync="waiting"), _task("d", status="done", sync="failed"),
                     _task("e", snoozed=TODAY + dt.timedelta(days=3))], TODAY)
    qtmodeltester.check(model)
    assert model.index(0, model.DUE).data().startswith("Overdue since")
    assert model.index(1, model.DUE).data() == "Today"
    assert model.index(2, model.STATE).data() == "Waiting to be sent"
    assert model.index(3, model.STATE).data() == "Refused by the server"
    assert model.index(4, model.DUE).data().startswith("Snoozed until")
    model.set_tasks([])
    qtmodeltester.check(model)


def test_a_done_task_shows_the_day_it_was_done_not_its_due_day(qtmodeltester) -> None:
    # The done list is ordered latest done first: its date column must agree.
    from dataclasses import replace

    from ui.i18n import format_date
    from ui.tasks.models import TasksModel

    done_at = dt.datetime(2026, 11, 20, 15, 30, tzinfo=dt.UTC)
    synced = replace(_task("a", due=dt.date(2026, 10, 1), status="done"), updated_at=done_at)
    model = TasksModel()
    model.set_tasks([_task("b", status="done", sync="waiting"), synced], TODAY)
    qtmodeltester.check(model)
    assert model.index(0, model.DUE).data() == "Done on this device"
    assert model.index(1, model.DUE).data() == f"Done {format_date(done_at)}"
    assert format_date(dt.date(2026, 10, 1)) not in model.index(1, model.DUE).data()


def _seller_id(device: Device) -> int:
    return next(s.staff_id for s in device.clients.sellers()
                if s.display_name == "Camille Seller")


def _customer(device: Device, *, email: bool) -> str:
    session = device._context.need()
    with session.replica.read() as conn:
        return conn.exec_driver_sql(
            "SELECT customer_id FROM customers WHERE home_store_id = ? AND consent_email = ? "
            "ORDER BY customer_id LIMIT 1 OFFSET 2",
            (device.session.settings.store_id, int(email))).scalar_one()


def test_a_seller_marks_a_task_done_and_snoozes_another(
        qtbot, manager_device: Device, facade: Device, shell) -> None:  # noqa: F811
    reason = f"screen test {dt.datetime.now().isoformat()}"
    seller_id = _seller_id(manager_device)
    customer = _customer(manager_device, email=True)
    for days in (3, 2):
        manager_device.tasks.create_task(customer_id=customer, assignee_id=seller_id,
                                         channel="visit",
                                         due_on=TODAY - dt.timedelta(days=days), reason=reason)
    manager_device.sync.sync_now()
    with qtbot.waitSignal(shell.replica_changed, timeout=10_000):
        facade.sync.sync_now()
    due = facade.tasks.counts(TODAY).due
    rail = shell.rail.button("tasks")
    assert rail is not None
    qtbot.waitUntil(lambda: rail.text() == f"Tasks · {due}", timeout=10_000)

    shell.open_section("tasks")
    screen = shell.current_screen()
    assert screen.screen_id == "tasks"
    qtbot.waitUntil(lambda: screen.model.rowCount() >= 2, timeout=10_000)
    rows = [screen.model.task(r) for r in range(screen.model.rowCount())]
    mine = [i for i, t in enumerate(rows) if t.reason == reason]
    assert len(mine) == 2 and rows[mine[0]].due_on < rows[mine[1]].due_on  # due first
    first = rows[mine[0]].task_id
    screen.table.selectRow(mine[0])
    assert screen.done_button.isEnabled()
    QTest.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first not in [screen.model.task(r).task_id
                                          for r in range(screen.model.rowCount())],
                    timeout=10_000)
    qtbot.waitUntil(lambda: rail.text() == f"Tasks · {due - 1}", timeout=10_000)
    second = next(r for r in range(screen.model.rowCount())
                  if screen.model.task(r).reason == reason)
    snoozed_id = screen.model.task(second).task_id
    screen.table.selectRow(second)
    screen.snooze_date.setDate(screen.snooze_date.date().addDays(2))
    QTest.mouseClick(screen.snooze_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: snoozed_id not in [screen.model.task(r).task_id
                                               for r in range(screen.model.rowCount())],
                    timeout=10_000)
    QTest.mouseClick(screen.view_buttons["done"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first in [screen.model.task(r).task_id
                                      for r in range(screen.model.rowCount())],
                    timeout=10_000)
    done_row = next(r for r in range(screen.model.rowCount())
                    if screen.model.task(r).task_id == first)
    assert screen.model.index(done_row, 4).data() == "Waiting to be sent"
    QTest.mouseClick(screen.view_buttons["snoozed"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: snoozed_id in [screen.model.task(r).task_id
                                           for r in range(screen.model.rowCount())],
                    timeout=10_000)
    screen.table.selectRow(next(r for r in range(screen.model.rowCount())
                                if screen.model.task(r).task_id == snoozed_id))
    QTest.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.current_screen().screen_id == "customer", timeout=5000)
    with qtbot.waitSignal(shell.replica_changed, timeout=10_000):
        facade.sync.sync_now()
    assert facade.sync.outbox_entries() == []


def test_a_manager_gives_a_task_and_a_channel_without_consent_is_refused(
        qtbot, manager_shell, manager_device: Device) -> None:  # noqa: F811
    refusing = _customer(manager_device, email=False)
    consenting = _customer(manager_device, email=True)
    manager_shell.show_screen("task_new", customer_ids=[refusing, consenting])
    screen = manager_shell.current_screen()
    assert screen.screen_id == "task_new"
    qtbot.waitUntil(lambda: len(screen.clients) == 2 and screen.seller_box.count() > 0,
                    timeout=10_000)
    screen.reason_edit.setPlainText("Nouvelle collection")
    QTest.mouseClick(screen.channel_buttons["email"], Qt.MouseButton.LeftButton)
    assert screen.consent_label.isVisible()
    assert "1 of these clients" in screen.consent_label.text()
    assert screen.create_button.isEnabled() and screen.create_button.text() == "Create 1 task"
    before = len(manager_device.sync.outbox_entries())
    QTest.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manager_shell.current_screen() is not screen, timeout=10_000)
    entries = manager_device.sync.outbox_entries()
    assert len(entries) == before + 1
    assert entries[-1].customer_id == consenting and entries[-1].payload["channel"] == "email"

    # One client alone, by email without consent: the form says why and will not queue.
    manager_shell.show_screen("task_new", customer_id=refusing)
    qtbot.waitUntil(lambda: len(screen.clients) == 1 and screen.seller_box.count() > 0,
                    timeout=10_000)
    screen.reason_edit.setPlainText("Nouvelle collection")
    QTest.mouseClick(screen.channel_buttons["email"], Qt.MouseButton.LeftButton)
    assert not screen.create_button.isEnabled()
    assert "not agreed to be contacted this way" in screen.consent_label.text()
    QTest.mouseClick(screen.channel_buttons["call"], Qt.MouseButton.LeftButton)
    assert screen.create_button.isEnabled() and not screen.consent_label.isVisible()
    manager_device.sync.sync_now()


def test_the_customer_360_offers_a_manager_a_new_task(qtbot, manager_shell,  # noqa: F811
                                                      manager_device: Device) -> None:  # noqa: F811
    customer = _customer(manager_device, email=True)
    manager_shell.show_screen("customer", customer_id=customer)
    screen = manager_shell.current_screen()
    qtbot.waitUntil(lambda: screen.task_button.isVisible(), timeout=10_000)
    QTest.mouseClick(screen.task_button, Qt.MouseButton.LeftButton)
    form = manager_shell.current_screen()
    assert form.screen_id == "task_new" and form.customer_ids == [customer]


def test_the_kpis_screen_online_then_offline(qtbot, manager_shell,  # noqa: F811
                                             live_server: LiveServer) -> None:
    # Reached as a manager reaches it: joined to the client book's section.
    assert manager_shell.has_screen("kpis")
    manager_shell.show_screen("kpis")
    screen = manager_shell.current_screen()
    qtbot.waitUntil(lambda: screen.report is not None, timeout=15_000)
    assert screen.report.source == "server"
    assert screen.as_of.text().startswith("Figures from the server")
    assert screen.figures["active"].value.text() == str(screen.report.figures.active_clients)
    revenue = screen.chart_cards[0][2]
    assert [b.label for b in revenue.bars()] == ["In store", "Web", "App", "Phone"]
    assert revenue.accessibleDescription().count(":") == 4
    assert not revenue.grab().isNull()
    live_server.stop()
    try:
        screen.report = None
        screen.load()
        qtbot.waitUntil(lambda: screen.report is not None, timeout=15_000)
    finally:
        live_server.start()
    assert screen.report.source == "replica"
    assert screen.as_of.text().startswith("Offline: computed on this device")


def test_the_kpis_screen_says_when_there_is_nothing_to_count(qtbot, manager_shell):  # noqa: F811
    from ui.kpis import KpisScreen

    screen = KpisScreen(manager_shell)
    qtbot.addWidget(screen)
    empty = KpiFigures(active_clients=0, new_clients=0, clients=0, consent_email_share=0.0,
                       consent_sms_share=0.0, revenue_by_channel={},
                       average_value_by_channels={}, pickups_waiting=0)
    screen.show_report(KpiReport(store_id="S", figures=empty, source="replica",
                                 as_of=dt.datetime.now(dt.UTC)))
    assert screen.pages.currentWidget() is screen.status
    assert "no clients" in screen.status.text()
    full = KpiFigures(active_clients=3, new_clients=1, clients=5, consent_email_share=0.4,
                      consent_sms_share=0.2,
                      revenue_by_channel={"store": Decimal("10.00"), "web": Decimal("5.50")},
                      average_value_by_channels={"1": Decimal("7.75")}, pickups_waiting=2)
    screen.show_report(KpiReport(store_id="S", figures=full, source="server",
                                 as_of=dt.datetime.now(dt.UTC)))
    assert screen.figures["email"].value.text() == "40%"
    assert [b.text for b in screen.chart_cards[2][2].bars()] == ["40%", "20%"]


def test_the_sync_screens_summary_counts_tasks(qapp) -> None:
    from ui.sync.screen import SyncDigest, _counts

    digest = SyncDigest()
    digest.add_changes(ChangeSet(entities={"task": frozenset({"t1", "t2"}),
                                           "customer": frozenset({"c1"})}))
    assert _counts(digest.total) == "2 follow-up tasks, 1 customers"


def _client_row(i: int):  # type: ignore[no-untyped-def]
    from clienteling.replica.book import ClientRow

    return ClientRow(customer_id=f"c{i}", first_name="Anne", last_name=f"Roux {i}",
                     tier="member", lifetime_value=Decimal("12.50") * i, orders_count=i,
                     last_purchase_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC) if i % 2 else None,
                     channels=("store",), consent_email=bool(i % 2), consent_sms=bool(i % 3),
                     assigned_seller_id=1, segment="loyal" if i % 2 else "new")


def test_the_my_clients_model_pages_and_passes_the_model_tester(qtmodeltester, qtbot) -> None:
    from ui.tasks.my_clients import MyClientsModel

    model = MyClientsModel()
    model.reset([_client_row(i) for i in range(3)], "cursor-3")
    assert model.canFetchMore()
    with qtbot.waitSignal(model.more_wanted, timeout=1000) as asked:
        model.fetchMore()
    assert asked.args == ["cursor-3"]
    assert not model.canFetchMore()  # one question at a time
    model.add_page([_client_row(i) for i in range(3, 5)], None)
    assert model.rowCount() == 5 and not model.canFetchMore()
    assert model.index(1, model.CONSENTS).data() == "email, SMS"
    assert model.index(0, model.CONSENTS).data() == "neither email nor SMS"
    assert model.index(1, model.SEGMENT).data() == "Loyal"
    qtmodeltester.check(model)


def test_a_seller_sees_the_clients_assigned_to_them(
        qtbot, manager_device: Device, facade: Device, shell) -> None:  # noqa: F811
    seller_id = _seller_id(manager_device)
    session = manager_device._context.need()
    with session.replica.read() as conn:
        chosen = [r[0] for r in conn.exec_driver_sql(
            "SELECT customer_id FROM customers WHERE home_store_id = ? ORDER BY customer_id "
            "LIMIT 3 OFFSET 10", (manager_device.session.settings.store_id,))]
    manager_device.clients.assign(chosen, seller_id)
    manager_device.sync.sync_now()
    with qtbot.waitSignal(shell.replica_changed, timeout=10_000):
        facade.sync.sync_now()
    shell.open_section("tasks")
    tasks_screen = shell.current_screen()
    assert tasks_screen.clients_button.isVisible()
    QTest.mouseClick(tasks_screen.clients_button, Qt.MouseButton.LeftButton)
    screen = shell.current_screen()
    assert screen.screen_id == "my_clients"
    qtbot.waitUntil(lambda: {screen.model.row_at(r).customer_id
                             for r in range(screen.model.rowCount())} >= set(chosen),
                    timeout=10_000)
    assert "assigned to you" in screen.count_label.text()
    screen.table.selectRow(0)
    first = screen.model.row_at(0).customer_id
    QTest.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.current_screen().screen_id == "customer", timeout=5000)
    assert shell.current_screen().customer_id == first
