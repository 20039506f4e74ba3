"""`device.tasks` and `device.kpis` against a real server on loopback: a manager's task made
offline is sent exactly once; a task by a channel the client did not consent to is refused on
the device, before anything is queued; a seller's done and snooze made offline reach the
server once; the KPIs computed from the replica equal the server's answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from clienteling.device import Device
from clienteling.domain.errors import DomainError
from tests.ui.live_server import LiveServer, Seeded
from tests.ui.tasks_fixtures import manager_device  # noqa: F401

TODAY = date.today()


def _server_tasks(database_url: str, reason: str) -> list[tuple[str, str, str | None]]:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(
                "SELECT task_id, status, snoozed_until FROM tasks WHERE reason = :r "
                "ORDER BY task_id"), {"r": reason})]
    finally:
        engine.dispose()


def _customers(device: Device, *, email: bool) -> list[str]:
    """Clients of the device's store with (or without) email consent."""
    session = device._context.need()
    with session.replica.read() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            "SELECT customer_id FROM customers WHERE home_store_id = ? AND consent_email = ? "
            "ORDER BY customer_id LIMIT 5", (device.session.settings.store_id, int(email)))]


def _seller_id(device: Device) -> int:
    sellers = device.clients.sellers()
    assert sellers, "the store has a seller"
    return next(s.staff_id for s in sellers if s.display_name == "Camille Seller")


def test_a_task_made_offline_is_sent_once_and_a_refused_one_never_queued(
        manager_device: Device, live_server: LiveServer, seeded: Seeded,  # noqa: F811
        _seeded_database: tuple[str, Seeded]) -> None:
    device = manager_device
    seller_id = _seller_id(device)  # online: kept for offline
    consented, refusing = _customers(device, email=True)[0], _customers(device, email=False)[0]
    reason = f"offline task {datetime.now(UTC).isoformat()}"
    live_server.stop()
    assert [s.staff_id for s in device.clients.sellers()] == [seller_id]  # the kept list, offline
    entry = device.tasks.create_task(customer_id=consented, assignee_id=seller_id,
                                     channel="email", due_on=TODAY, reason=reason)
    with pytest.raises(DomainError) as refused:
        device.tasks.create_task(customer_id=refusing, assignee_id=seller_id, channel="email",
                                 due_on=TODAY, reason=reason)
    assert refused.value.code == "task.no_consent"
    assert refused.value.params["channel"] == "email"
    assert device.tasks.consent_refusal(refusing, "email") is not None
    assert device.tasks.consent_refusal(refusing, "call") is None
    assert [e.id for e in device.sync.outbox_entries()] == [entry.id]  # nothing else queued
    shown = device.tasks.customer_tasks(consented)
    mine = [t for t in shown if t.task_id == entry.target]
    assert [(t.sync, t.status, t.reason) for t in mine] == [("waiting", "open", reason)]
    assert _server_tasks(_seeded_database[0], reason) == []

    live_server.start()
    device.sync.sync_now()
    assert device.sync.outbox_entries() == []
    assert _server_tasks(_seeded_database[0], reason) == [(entry.target, "open", None)]
    device.sync.sync_now()  # and again: still one
    assert _server_tasks(_seeded_database[0], reason) == [(entry.target, "open", None)]
    shown = [t for t in device.tasks.customer_tasks(consented) if t.task_id == entry.target]
    assert [(t.sync, t.status) for t in shown] == [("synced", "open")]


def test_done_and_snooze_offline_reach_the_server_once(
        manager_device: Device, facade: Device, live_server: LiveServer,  # noqa: F811
        _seeded_database: tuple[str, Seeded]) -> None:
    seller = facade
    seller_id = _seller_id(manager_device)
    customer = _customers(manager_device, email=False)[1]
    reason = f"seller's task {datetime.now(UTC).isoformat()}"
    made = [manager_device.tasks.create_task(
        customer_id=customer, assignee_id=seller_id, channel=channel,
        due_on=TODAY - timedelta(days=days), reason=reason).target
        for channel, days in (("call", 1), ("visit", 0))]
    manager_device.sync.sync_now()
    seller.sync.sync_now()
    before = seller.tasks.counts(TODAY)
    ids = [t.task_id for t in seller.tasks.my_tasks("open", TODAY)]
    assert set(made) <= set(ids)
    assert ids.index(made[0]) < ids.index(made[1])  # due first

    live_server.stop()
    seller.tasks.mark_done(made[0])
    until = TODAY + timedelta(days=3)
    seller.tasks.snooze(made[1], until, TODAY)
    with pytest.raises(DomainError) as done_twice:
        seller.tasks.mark_done(made[0])
    assert done_twice.value.code == "task.already_done"
    with pytest.raises(DomainError) as past:
        seller.tasks.snooze(made[1], TODAY, TODAY)
    assert past.value.code == "task.snooze_past"
    open_ids = [t.task_id for t in seller.tasks.my_tasks("open", TODAY)]
    assert made[0] not in open_ids and made[1] not in open_ids
    done = {t.task_id: t.sync for t in seller.tasks.my_tasks("done", TODAY)}
    assert done[made[0]] == "waiting"
    assert [t.task_id for t in seller.tasks.my_tasks("snoozed", TODAY)
            if t.task_id in made] == [made[1]]
    # On its day the snoozed task is back.
    assert made[1] in [t.task_id for t in seller.tasks.my_tasks("open", until)]
    after = seller.tasks.counts(TODAY)
    assert (after.open, after.due) == (before.open - 2, before.due - 2)
    assert (after.snoozed, after.done) == (before.snoozed + 1, before.done + 1)

    live_server.start()
    seller.sync.sync_now()
    assert seller.sync.outbox_entries() == []
    assert sorted(_server_tasks(_seeded_database[0], reason)) == sorted(
        [(made[0], "done", None), (made[1], "open", until.isoformat())])
    seller.sync.sync_now()
    assert len(_server_tasks(_seeded_database[0], reason)) == 2
    done = {t.task_id: t.sync for t in seller.tasks.my_tasks("done", TODAY)}
    assert done[made[0]] == "synced"


def test_offline_kpis_equal_the_servers(manager_device: Device,  # noqa: F811
                                        live_server: LiveServer) -> None:
    online = manager_device.kpis.store_kpis()
    assert online.source == "server"
    offline = manager_device.kpis.offline_kpis(now=datetime.now(UTC))
    assert offline.source == "replica"
    for name in ("active_clients", "new_clients", "consent_email_share", "consent_sms_share",
                 "revenue_by_channel", "average_value_by_channels", "pickups_waiting"):
        assert getattr(offline.figures, name) == getattr(online.figures, name), name
    assert online.figures.active_clients > 0
    live_server.stop()
    try:
        without = manager_device.kpis.store_kpis()
    finally:
        live_server.start()
    assert without.source == "replica" and without.offline_reason
    assert without.as_of is not None


def test_a_seller_gets_no_kpis_from_the_server(facade: Device) -> None:
    with pytest.raises(DomainError) as refused:
        facade.kpis.store_kpis()
    assert refused.value.code == "auth.forbidden"
