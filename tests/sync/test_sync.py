"""The façade against the real server: first sync, offline writes, the outbox's decisions,
conflicts, re-downloads, token refresh, change notifications, the background loop."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
import requests

from clienteling.device import Device
from clienteling.domain.errors import DomainError
from clienteling.replica.views import ChangeSet, CustomerTarget, PickupTarget, ProductTarget
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import LiveServer, assert_replica_matches_server, wait_for

MakeDevice = Callable[..., Device]


def enrol_some(server: LiveServer) -> list[dict]:
    token = server.token("admin1")
    return [
        server.enrol(token, "Hélène", "Lefèvre", phone="06 12 34 56 78",
                     email="helene.lefevre@example.fr"),
        server.enrol(token, "Jean-Éloi", "Dupont", phone="+33698765432"),
        server.enrol(token, "Marc", "Lyonnais", home="LYS01"),
    ]


def replica_path(facade: Device) -> Path:
    s = facade.session.settings
    assert s.server_url and s.username
    return facade.session.paths.replica_file(s.server_url, s.username)


def check_equal(facade: Device, server: LiveServer, tmp_path: Path) -> None:
    assert_replica_matches_server(replica_path(facade), server,
                                  facade.session.settings.username or "",
                                  tmp_path)


def test_first_sync_pages_with_progress_then_reads_and_scans(
        server: LiveServer, device: MakeDevice, tmp_path: Path) -> None:
    helene, jean, marc = enrol_some(server)
    facade = device()
    assert facade.sync.sync_status().partial
    steps = []
    status = facade.sync.sync_now(progress=steps.append)
    assert status.state == "online" and not status.partial and status.last_sync_at
    assert len(steps) > 2 and steps[-1].has_more is False and steps[0].first_sync
    assert [s.changes for s in steps] == sorted(s.changes for s in steps)
    # Scope: customers of PAR01 only.
    assert [c.customer_id for c in facade.customers.search_customers("lefevre")] == [
        helene["customer_id"]]
    assert facade.customers.search_customers("lyonnais") == []
    assert [c.customer_id for c in facade.customers.search_customers("06.98.76")] == [
        jean["customer_id"]]
    target = facade.scan.resolve_scan(f"clienteling:card/{helene['loyalty']['card']}")
    assert isinstance(target, CustomerTarget)
    assert target.customer.customer_id == helene["customer_id"]
    product = facade.scan.resolve_scan("SKU-1003")
    assert isinstance(product, ProductTarget) and product.product.name == "Parfum Éclat 50 ml"
    assert isinstance(facade.scan.resolve_scan(product.product.ean or ""), ProductTarget)
    with pytest.raises(DomainError) as caught:
        facade.scan.resolve_scan("2900000000019")
    assert caught.value.code == "card.check_digit"
    # A customer of another store: fetched online, then cached.
    lyon = facade.scan.resolve_scan(marc["loyalty"]["card"])
    assert isinstance(lyon, CustomerTarget)
    view = facade.customers.customer_360(marc["customer_id"])
    assert view.profile.last_name == "Lyonnais" and view.timeline
    stock = facade.catalog.stock_for("SKU-1001")
    assert [f.store.store_id for f in stock] == ["PAR01", "PAR02", "LYS01"]
    assert stock[0].is_this_store and stock[0].available == 5 and stock[0].updated_at
    assert facade.session.current_store() is not None
    check_equal(facade, server, tmp_path)


def test_offline_writes_show_at_once_and_reach_the_server_once_back(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, tmp_path: Path) -> None:
    helene, _, _ = enrol_some(server)
    cid = helene["customer_id"]
    facade = device()
    facade.sync.sync_now()
    proxy.refuse()
    status = facade.sync.sync_now()
    assert status.state == "offline"

    new = facade.customers.enrol_customer(first_name="Zoé", last_name="Martin", phone="0611223344",
                                consent_email=True)
    assert new.customer_id and new.customer_id.startswith("c-")
    facade.customers.add_note(new.customer_id, "Nouvelle cliente, aime le cuir")
    order_for_new = facade.orders.place_order(customer_id=new.customer_id, lines=[("SKU-1002", 1)],
                                       fulfillment="click_and_collect",
                                       payment_mode="pay_at_pickup")
    facade.customers.add_note(cid, "Cherche une écharpe")
    facade.customers.record_consent(cid, "sms", True)
    profile = facade.customers.customer_360(cid).profile
    facade.customers.edit_customer(cid, profile.version, {"first_name": "Hélène-Marie"})
    facade.customers.add_to_wishlist(cid, "SKU-1005")
    order = facade.orders.place_order(customer_id=cid, lines=[("SKU-1001", 2), ("SKU-1003", 1)],
                               fulfillment="home_delivery", payment_mode="payment_link",
                               address={"line1": "1 rue X", "postcode": "75001",
                                        "city": "Paris"}, delivery_method="express")

    status = facade.sync.sync_status()
    assert status.state == "offline" and status.waiting == 8 and status.failed == 0
    view = facade.customers.customer_360(cid)
    assert view.profile.first_name == "Hélène-Marie" and "first_name" in view.profile.pending_fields
    assert view.profile.consent_sms.granted and view.profile.consent_sms.sync == "waiting"
    unsent = [o for o in view.orders if o.sync == "waiting"]
    assert len(unsent) == 1 and unsent[0].total == Decimal("467.40")
    assert "Cherche une écharpe" in [t.summary for t in view.timeline if t.sync == "waiting"]
    assert [w.sku for w in view.wishlist if w.sync == "waiting"] == ["SKU-1005"]
    assert facade.catalog.stock_for("SKU-1001")[0].available == 3
    enrolled = facade.customers.search_customers("zoe mart")
    assert [c.customer_id for c in enrolled] == [new.customer_id]
    assert facade.customers.customer_360(new.customer_id).profile.sync == "waiting"

    proxy.listen()
    status = facade.sync.sync_now()
    assert status.state == "online", status
    assert status.waiting == status.failed == 0
    assert server.order_count(cid) == 1 and server.order_count(new.customer_id) == 1
    view = facade.customers.customer_360(cid)
    assert view.profile.first_name == "Hélène-Marie" and not view.profile.pending_fields
    assert view.profile.consent_sms.granted and view.profile.consent_sms.sync == "synced"
    assert all(o.sync == "synced" and o.order_number for o in view.orders)
    assert view.orders[0].total == Decimal("467.40")
    assert "Cherche une écharpe" in [t.summary for t in view.timeline]
    zoe = facade.customers.customer_360(new.customer_id)
    assert zoe.profile.card and zoe.profile.sync == "synced" and len(zoe.orders) == 1
    assert order.idempotency_key != order_for_new.idempotency_key
    check_equal(facade, server, tmp_path)


def test_a_refused_entry_stops_with_its_problem_and_the_rest_goes_on(
        server: LiveServer, device: MakeDevice, tmp_path: Path) -> None:
    helene, jean, _ = enrol_some(server)
    facade = device()
    facade.sync.sync_now()
    short = facade.orders.place_order(customer_id=helene["customer_id"], lines=[("SKU-1002", 50)],
                               fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    note = facade.customers.add_note(jean["customer_id"], "Passera samedi")
    status = facade.sync.sync_now()
    assert status.state == "error" and status.reason == "outbox.failed"
    assert (status.waiting, status.failed) == (0, 1)
    entries = facade.sync.outbox_entries()
    assert [e.id for e in entries] == [short.id]
    problem = entries[0].problem
    assert problem is not None and problem.code == "stock.short" and problem.status == 409
    assert problem.extra["lines"][0]["sku"] == "SKU-1002"
    view = facade.customers.customer_360(helene["customer_id"])
    assert view.orders[0].sync == "failed" and view.orders[0].problem == problem
    assert facade.catalog.stock_for("SKU-1002")[0].pending_out == 0  # a failed order holds nothing
    assert note.id not in [e.id for e in facade.sync.outbox_entries()]
    # A person retries: still short, still kept. Then discards: gone, nothing sent.
    facade.sync.retry(short.id)
    assert facade.sync.sync_now().failed == 1
    facade.sync.discard(short.id)
    assert facade.sync.outbox_entries() == [] and facade.sync.sync_status().state == "online"
    assert server.order_count(helene["customer_id"]) == 0
    with pytest.raises(DomainError) as caught:
        facade.sync.discard(short.id)
    assert caught.value.code == "outbox.not_found"
    check_equal(facade, server, tmp_path)


def test_dependent_entries_wait_behind_a_failed_enrolment(
        server: LiveServer, device: MakeDevice) -> None:
    enrol_some(server)
    facade = device()
    facade.sync.sync_now()
    bad = facade.customers.enrol_customer(first_name="Bad", last_name="Phone", phone="+1 2")
    assert bad.customer_id
    note = facade.customers.add_note(bad.customer_id, "dépend de l'inscription")
    other = facade.customers.enrol_customer(first_name="Good", last_name="One")
    facade.sync.sync_now()
    entries = {e.id: e for e in facade.sync.outbox_entries()}
    assert entries[bad.id].state == "failed"
    assert entries[bad.id].problem and entries[bad.id].problem.code == "customer.phone_invalid"
    assert entries[note.id].state == "waiting" and entries[note.id].blocked_by == bad.id
    assert other.id not in entries


def test_a_version_conflict_comes_back_with_both_versions(
        server: LiveServer, device: MakeDevice) -> None:
    helene, _, _ = enrol_some(server)
    cid = helene["customer_id"]
    mine, theirs = device("seller1"), device("seller1b")
    mine.sync.sync_now()
    theirs.sync.sync_now()
    version = mine.customers.customer_360(cid).profile.version
    theirs.customers.edit_customer(cid, version, {"last_name": "Lefebvre"})
    assert theirs.sync.sync_now().state == "online"
    mine.customers.edit_customer(cid, version, {"email": "h2@example.fr"})
    second = mine.customers.edit_customer(cid, version, {"first_name": "Héléna"})
    status = mine.sync.sync_now()
    assert status.failed == 1 and status.waiting == 1  # the second edit waits behind the first
    first = mine.sync.outbox_entries()[0]
    assert first.problem and first.problem.code == "customer.version_conflict"
    assert first.problem.extra["current"]["last_name"] == "Lefebvre"
    assert mine.sync.outbox_entries()[1].blocked_by == first.id
    assert second.id == mine.sync.outbox_entries()[1].id


def test_successive_own_edits_do_not_conflict_with_each_other(
        server: LiveServer, device: MakeDevice, proxy: FaultProxy) -> None:
    helene, _, _ = enrol_some(server)
    cid = helene["customer_id"]
    facade = device()
    facade.sync.sync_now()
    proxy.refuse()
    version = facade.customers.customer_360(cid).profile.version
    facade.customers.record_consent(cid, "email", True)
    facade.customers.edit_customer(cid, version, {"first_name": "A"})
    facade.customers.edit_customer(cid, version, {"last_name": "B"})
    proxy.listen()
    status = facade.sync.sync_now()
    assert status.state == "online" and status.unsent == 0, facade.sync.outbox_entries()
    profile = facade.customers.customer_360(cid).profile
    assert (profile.first_name, profile.last_name, profile.consent_email.granted) == (
        "A", "B", True)


def test_pickup_queue_and_status_moves(server: LiveServer, device: MakeDevice,
                                       tmp_path: Path) -> None:
    helene, _, _ = enrol_some(server)
    facade = device()
    facade.sync.sync_now()
    facade.orders.place_order(customer_id=helene["customer_id"], lines=[("SKU-1001", 1)],
                       fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    facade.sync.sync_now()
    queue = facade.pickups.pickup_queue()
    assert len(queue) == 1 and queue[0].status == "confirmed"
    order = queue[0]
    assert order.pickup_payload
    found = facade.scan.resolve_scan(order.pickup_payload)
    assert isinstance(found, PickupTarget) and found.order.order_number == order.order_number
    with pytest.raises(DomainError) as caught:
        facade.orders.set_order_status(order.order_number or "", "collected")
    assert caught.value.code == "order.transition"
    facade.orders.set_order_status(order.order_number or "", "ready_for_pickup")
    assert facade.pickups.pickup_queue()[0].pending_status == "ready_for_pickup"
    facade.orders.set_order_status(order.order_number or "", "collected")
    status = facade.sync.sync_now()
    assert status.unsent == 0, facade.sync.outbox_entries()
    assert facade.orders.order(order.order_number or "").status == "collected"
    assert [o.status for o in facade.pickups.pickup_queue()] == ["collected"]
    with pytest.raises(DomainError) as caught:
        facade.scan.resolve_scan(f"clienteling:pickup/{order.order_number}/WRONG1")
    assert caught.value.code == "pickup.not_found"
    check_equal(facade, server, tmp_path)


def test_an_unknown_cursor_downloads_again_and_keeps_unsent_work(
        server: LiveServer, device: MakeDevice, proxy: FaultProxy, tmp_path: Path) -> None:
    helene, _, _ = enrol_some(server)
    facade = device()
    facade.sync.sync_now()
    changes: list[ChangeSet] = []
    facade.sync.subscribe(changes.append)
    session = facade._context.session
    assert session is not None
    with session.replica.write() as conn:
        session.replica.set_meta(conn, "cursor", "0-999999999")
    proxy.refuse()
    facade.customers.add_note(helene["customer_id"], "gardée")
    proxy.listen()
    with session.replica.write() as conn:  # hold the note back while we re-download
        conn.exec_driver_sql("UPDATE outbox SET state = 'failed', error_code = 'test'")
    status = facade.sync.sync_now()
    assert status.failed == 1 and not status.partial
    assert any(c.reset for c in changes)
    assert facade.customers.search_customers("lefevre")
    facade.sync.retry(facade.sync.outbox_entries()[0].id)
    assert facade.sync.sync_now().unsent == 0
    check_equal(facade, server, tmp_path)


def test_an_expired_token_is_refreshed_and_a_dead_session_asks_to_sign_in(
        server: LiveServer, device: MakeDevice) -> None:
    enrol_some(server)
    facade = device()
    facade.sync.sync_now()
    session = facade._context.session
    assert session is not None
    old = session.client.tokens
    assert old is not None
    from clienteling.server.auth.models import DeviceSession

    with server.sessions() as db, db.begin():  # the access token expires
        for row in db.query(DeviceSession).all():
            row.access_expires_at = row.created_at
    assert facade.sync.sync_now().state == "online"
    assert session.client.tokens != old
    requests.post(f"{server.url}/api/v1/auth/logout", timeout=5, headers={
        "Authorization": f"Bearer {session.client.tokens.access_token}"})  # type: ignore[union-attr]
    status = facade.sync.sync_now()
    assert status.state == "needs_sign_in" and status.reason == "auth.sign_in_again"


def test_change_notifications_name_what_changed(server: LiveServer, device: MakeDevice) -> None:
    helene, _, _ = enrol_some(server)
    facade = device()
    facade.sync.sync_now()
    seen: list[ChangeSet] = []
    unsubscribe = facade.sync.subscribe(seen.append)
    facade.customers.add_note(helene["customer_id"], "hello")
    assert seen[-1].outbox and helene["customer_id"] in seen[-1].customers
    seen.clear()
    token = server.token("admin1")
    requests.post(f"{server.url}/api/v1/customers/{helene['customer_id']}/notes", timeout=5,
                  headers={"Authorization": f"Bearer {token}"}, json={"text": "from elsewhere"})
    facade.sync.sync_now()
    assert any(c.touches("interaction") and helene["customer_id"] in c.customers for c in seen)
    unsubscribe()
    seen.clear()
    facade.sync.sync_now()
    assert seen == []


def test_background_sync_notices_the_server_leaving_and_coming_back(
        server: LiveServer, device: MakeDevice, proxy: FaultProxy, tmp_path: Path) -> None:
    helene, _, _ = enrol_some(server)
    facade = device()
    states: list[str] = []

    def watch(change: ChangeSet) -> None:
        if change.status:
            states.append(facade.sync.sync_status().state)

    facade.sync.subscribe(watch)
    facade.sync.start_sync()
    wait_for(lambda: facade.sync.sync_status().state == "online", message="online")
    proxy.refuse()
    wait_for(lambda: facade.sync.sync_status().state == "offline", timeout=10, message="offline")
    facade.orders.place_order(customer_id=helene["customer_id"], lines=[("SKU-1003", 1)],
                       fulfillment="click_and_collect", payment_mode="paid_in_store")
    status = facade.sync.sync_status()
    assert status.state == "offline" and status.waiting == 1
    proxy.listen()
    wait_for(lambda: facade.sync.sync_status().state == "online", timeout=15, message="back online")
    assert facade.sync.sync_status().waiting == 0
    assert server.order_count(helene["customer_id"]) == 1
    # Subscribers heard it all: online, then offline, then online again (the last word comes
    # from the sync thread's own notification, which may land just after the status says so).
    def after_last_offline() -> list[str]:
        return states[len(states) - 1 - states[::-1].index("offline"):]

    wait_for(lambda: "online" in after_last_offline(), timeout=5, message="online heard")
    last_offline = len(states) - len(after_last_offline())
    assert "online" in states[:last_offline]
    facade.sync.stop_sync()
    check_equal(facade, server, tmp_path)


def test_writes_are_validated_before_they_are_queued(server: LiveServer,
                                                     device: MakeDevice) -> None:
    helene, _, _ = enrol_some(server)
    facade = device()
    facade.sync.sync_now()
    cid = helene["customer_id"]
    cases = [
        (lambda: facade.customers.add_note(cid, "   "), "note.invalid"),
        (lambda: facade.customers.add_note("nobody", "x"), "customer.not_found"),
        (lambda: facade.customers.record_consent(cid, "fax", True), "consent.invalid"),
        (lambda: facade.customers.edit_customer(cid, 1, {"email": "not an email"}),
         "customer.invalid"),
        (lambda: facade.customers.edit_customer(cid, 1, {"shoe_size": 42}), "customer.invalid"),
        (lambda: facade.customers.add_to_wishlist(cid, "NOPE"), "product.not_found"),
        (lambda: facade.customers.remove_from_wishlist(cid, "SKU-1001"), "wishlist.not_found"),
        (lambda: facade.orders.place_order(customer_id=cid, lines=[],
                                           fulfillment="click_and_collect",
                                    payment_mode="pay_at_pickup"), "order.invalid"),
        (lambda: facade.orders.place_order(customer_id=cid, lines=[("SKU-1001", 1)],
                                    fulfillment="teleport", payment_mode="pay_at_pickup"),
         "order.invalid"),
        (lambda: facade.customers.enrol_customer(first_name="", last_name="X"), "customer.invalid"),
        (lambda: facade.orders.order("NOPE-1"), "order.not_found"),
        (lambda: facade.scan.resolve_scan(""), "code.empty"),
        (lambda: facade.customers.customer_360("nobody"), "customer.not_found"),
    ]
    for call, code in cases:
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.code == code
    assert facade.sync.outbox_entries() == []
    facade.customers.add_to_wishlist(cid, "SKU-1001")
    with pytest.raises(DomainError) as caught:
        facade.customers.add_to_wishlist(cid, "SKU-1001")
    assert caught.value.code == "wishlist.already"


def test_a_customer_not_on_the_device_offline_is_not_found_offline(
        server: LiveServer, device: MakeDevice, proxy: FaultProxy) -> None:
    _, _, marc = enrol_some(server)
    facade = device()
    facade.sync.sync_now()
    proxy.refuse()
    with pytest.raises(DomainError) as caught:
        facade.scan.resolve_scan(marc["loyalty"]["card"])
    assert caught.value.code == "customer.not_found" and caught.value.params["offline"]
    with pytest.raises(DomainError) as caught:
        facade.customers.customer_360(marc["customer_id"])
    assert caught.value.params.get("offline") is True
