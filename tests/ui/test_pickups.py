"""The pickup counter as a seller lives it, against the seeded server on loopback: the queue
in three groups with its count on the rail, mark ready (the customer told), the customer's
pickup QR scanned anywhere → their name and card → collected after the payment; a wrong code
said clearly; an order's page cancels and returns the stock; a short order's task."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QRadioButton


def find(root, kind, name):
    for widget in root.findChildren(kind):
        if widget.accessibleName() == name and widget.isVisibleTo(root):
            return widget
    raise AssertionError(f"no visible {kind.__name__} called {name!r}")


def place(facade, customer_id: str, sku: str | None = None, quantity: int = 1,
          payment: str = "pay_at_pickup") -> str:
    if sku is None:
        sku = next(f.store.store_id and p.sku for p in facade.catalog.search_products("a", 30)
                   for f in facade.catalog.stock_for(p.sku)[:1]
                   if f.is_this_store and (f.available or 0) >= 2)
    entry = facade.orders.place_order(customer_id=customer_id, lines=[(sku, quantity)],
                                      fulfillment="click_and_collect", payment_mode=payment)
    assert entry.target
    return entry.target


def open_pickups(shell, qtbot):
    QTest.mouseClick(shell.rail.button("pickups"), Qt.MouseButton.LeftButton)
    assert shell.current_screen_id() == "pickups"
    screen = shell.screen("pickups")
    qtbot.waitUntil(lambda: screen.counter is not None, timeout=10_000)
    return screen


def row_of(model, number: str) -> int:
    for row in range(model.rowCount()):
        order = model.order(row)
        if order is not None and order.order_number == number:
            return row
    return -1


def test_the_queue_marks_ready_and_the_scanned_qr_hands_over_after_payment(
        shell, qtbot, facade, seeded, qtmodeltester):
    number = place(facade, seeded.customer_id)
    assert facade.sync.sync_now().unsent == 0
    screen = open_pickups(shell, qtbot)
    qtbot.waitUntil(lambda: row_of(screen.models["to_prepare"], number) >= 0, timeout=10_000)
    for model in screen.models.values():
        qtmodeltester.check(model)
    to_prepare = len(screen.counter.to_prepare)
    qtbot.waitUntil(lambda: shell.rail.button("pickups").text() == f"Pickups · {to_prepare}",
                    timeout=5000)
    assert screen.tabs.tabText(0) == f"To prepare ({to_prepare})"

    view = screen.views["to_prepare"]
    view.selectRow(row_of(screen.models["to_prepare"], number))
    QTest.mouseClick(find(screen, QPushButton, "Mark ready"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: f"Order {number} marked ready" in shell.banner.label.text(),
                    timeout=10_000)
    assert facade.sync.sync_now().unsent == 0
    qtbot.waitUntil(lambda: row_of(screen.models["ready"], number) >= 0, timeout=10_000)

    # The customer's QR, scanned anywhere: who they are and what they collect.
    order = facade.orders.order(number)
    with qtbot.waitSignal(shell.scan_router.routed, timeout=10_000):
        shell.scan_router.route(order.pickup_payload)
    assert shell.current_screen_id() == "pickup"
    pickup = shell.screen("pickup")
    qtbot.waitUntil(lambda: pickup.page is not None and pickup.collect_button.isVisible(),
                    timeout=10_000)
    assert seeded.last_name in pickup.name_label.text()
    assert pickup.card_label.text().startswith("Card 2900")
    assert "Pay at pickup · not paid yet" in pickup.payment_label.text()
    assert "told by" in pickup.told_label.text() or "could not be told" in (
        pickup.told_label.text())

    # Not paid yet: the seller confirms the payment was taken first.
    QTest.mouseClick(pickup.collect_button, Qt.MouseButton.LeftButton)
    box = pickup.confirmation
    qtbot.waitUntil(box.isVisible, timeout=5000)
    QTest.mouseClick(find(box, QPushButton, "Not yet"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    assert facade.sync.outbox_entries() == []
    QTest.mouseClick(pickup.collect_button, Qt.MouseButton.LeftButton)
    box = pickup.confirmation
    qtbot.waitUntil(box.isVisible, timeout=5000)
    QTest.mouseClick(find(box, QPushButton, "Payment taken: hand over"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: f"Order {number} handed over." in shell.banner.label.text(),
                    timeout=10_000)
    assert facade.sync.sync_now().unsent == 0
    done = facade.orders.order(number)
    assert done.status == "collected" and done.payment is not None and done.payment.paid
    qtbot.waitUntil(lambda: "Already collected" in pickup.state_label.text(), timeout=10_000)
    assert not pickup.collect_button.isVisible()


def test_a_wrong_or_unknown_pickup_code_says_so(shell, qtbot):
    with qtbot.waitSignal(shell.scan_router.failed, timeout=10_000):
        shell.scan_router.route("clienteling:pickup/PAR99-260101-X-01/ABCDEFGH")
    assert shell.banner.label.text().startswith("No order has this pickup code")
    with qtbot.waitSignal(shell.scan_router.failed, timeout=10_000):
        shell.scan_router.route("clienteling:pickup/nonsense")
    assert shell.banner.label.text() == "This is not a pickup code."


def test_the_order_page_from_the_360_cancels_and_returns_the_stock(shell, qtbot, facade,
                                                                   seeded):
    number = place(facade, seeded.customer_id, payment="paid_in_store")
    assert facade.sync.sync_now().unsent == 0
    shell.show_screen("customer", customer_id=seeded.customer_id, order_number=number)
    customer = shell.screen("customer")
    qtbot.waitUntil(lambda: customer.data is not None
                    and customer.orders_view.currentIndex().isValid(), timeout=10_000)
    customer.orders_view.activated.emit(customer.orders_view.currentIndex())
    assert shell.current_screen_id() == "order"
    page = shell.screen("order")
    qtbot.waitUntil(lambda: page.page is not None, timeout=10_000)
    assert page.title_label.text() == f"Order {number}"
    assert "reserved at" in page.lines_label.text()
    assert page.payment_label.text().startswith("Paid at the till · paid")
    assert page.when_label.text().startswith("Ready by ")
    assert page.qr.has_code()
    # Portrait: the cards stack, each as tall as its content (no white card to the bottom).
    shell.resize(800, 1280)
    qtbot.waitUntil(lambda: page.qr_card.y() > page.order_card.y(), timeout=5000)
    assert page.order_card.height() <= page.order_card.sizeHint().height() + 1
    assert page.qr_card.y() - page.order_card.geometry().bottom() <= 20
    sku = page.page.order.lines[0].sku
    source = page.page.order.lines[0].source_store_id
    before = next(f.available for f in facade.catalog.stock_for(sku)
                  if f.store.store_id == source)
    QTest.mouseClick(find(page, QPushButton, "Cancel and return to stock…"),
                     Qt.MouseButton.LeftButton)
    box = page.confirmation
    qtbot.waitUntil(box.isVisible, timeout=5000)
    QTest.mouseClick(find(box, QPushButton, "Cancel the order"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in shell.banner.label.text(), timeout=10_000)
    assert facade.orders.order(number).pending_status == "cancelled"
    assert facade.sync.sync_now().unsent == 0
    assert facade.orders.order(number).status == "cancelled"
    after = next(f.available for f in facade.catalog.stock_for(sku, refresh=True)
                 if f.store.store_id == source)
    assert after == before + 1
    qtbot.waitUntil(lambda: not page.cancel_button.isVisible(), timeout=10_000)


def test_a_short_order_is_a_task_on_the_360_and_resolved_with_fewer_units(
        shell, qtbot, facade, seeded):
    product = facade.catalog.search_products("a", limit=1)[0]
    facade.orders.place_order(customer_id=seeded.customer_id, lines=[(product.sku, 999)],
                              fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    assert facade.sync.sync_now().failed == 1
    (short,) = facade.orders.shortages()
    number = short.order.order_number
    shell.show_screen("customer", customer_id=seeded.customer_id)
    customer = shell.screen("customer")
    qtbot.waitUntil(lambda: customer.shortage_bar.isVisible(), timeout=10_000)
    assert number in customer.shortage_label.text()
    QTest.mouseClick(customer.shortage_button, Qt.MouseButton.LeftButton)
    assert shell.current_screen_id() == "shortage"
    screen = shell.screen("shortage")
    qtbot.waitUntil(lambda: screen.shortage is not None, timeout=10_000)
    assert screen.figures_label.text() == "Stock figures: the server's, just now."
    assert not find(screen, QRadioButton, "Source it from the stores that have it").isEnabled()
    fewer = find(screen, QRadioButton, "Fewer units")
    assert fewer.isChecked()  # the chain does not have 999: fewer is proposed
    spin = screen.spins[product.sku]
    spin.setValue(1)
    QTest.mouseClick(find(screen, QPushButton, "Send the corrected order"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sent again under the same number" in shell.banner.label.text(),
                    timeout=10_000)
    assert facade.sync.sync_now().unsent == 0
    placed = facade.orders.order(number)
    assert placed.sync == "synced" and [(ln.sku, ln.quantity) for ln in placed.lines] == [
        (product.sku, 1)]
    assert placed.pickup_code == short.order.pickup_code
    qtbot.waitUntil(lambda: not customer.shortage_bar.isVisible() or
                    shell.current_screen_id() != "customer", timeout=10_000)


def test_two_tablets_sell_the_last_units_and_the_offline_one_sources_elsewhere(
        shell, qtbot, facade, seeded, live_server, tmp_path):
    """The offline tablet's order comes back short; the seller resolves it on the Sync screen
    by the stores that have it; the order arrives once, under the number the customer has."""
    from clienteling.device import Device
    from tests.ui.live_server import memory_tokens

    def pick():
        for product in facade.catalog.search_products("a", limit=60):
            figures = [f for f in facade.catalog.stock_for(product.sku, refresh=True) if f.known]
            here = next((f.available or 0 for f in figures if f.is_this_store), 0)
            others = [f.available or 0 for f in figures if not f.is_this_store]
            if here >= 2 and all(o < here for o in others) and sum(others) >= 1:
                return product.sku, here
        raise AssertionError("the demo chain has no product for this story")

    def on_server() -> list[str]:
        import sqlalchemy as sa

        from clienteling.server.db import make_engine
        from clienteling.server.orders.models import OrderRow

        engine = make_engine(live_server.database_url)
        try:
            with engine.connect() as conn:
                return list(conn.execute(sa.select(OrderRow.order_number).where(
                    OrderRow.customer_id == seeded.customer_id)).scalars())
        finally:
            engine.dispose()

    sku, here = pick()
    before = on_server()
    other = Device(tmp_path / "tablet-2", token_store=memory_tokens())
    try:
        other.session.sign_in(seeded.url, seeded.username, seeded.password)
        other.sync.sync_now()
        live_server.stop()
        # Offline: every unit on this store's shelf, for the customer in front of the seller.
        number = facade.orders.place_order(customer_id=seeded.customer_id,
                                           lines=[(sku, here)], fulfillment="click_and_collect",
                                           payment_mode="pay_at_pickup").target
        pickup_code = facade.orders.order(number).pickup_code
        live_server.start()
        # Meanwhile the other tablet, online, sells one of them.
        other.orders.place_order(customer_id=seeded.customer_id, lines=[(sku, 1)],
                                 fulfillment="click_and_collect", payment_mode="paid_in_store")
        assert other.sync.sync_now().unsent == 0
    finally:
        other.close()
    assert facade.sync.sync_now().failed == 1

    QTest.mouseClick(shell.header.sync_button, Qt.MouseButton.LeftButton)
    sync = shell.screen("sync")
    qtbot.waitUntil(lambda: sync.model.rowCount() == 1
                    and sync.resolve_button.isVisible(), timeout=10_000)
    QTest.mouseClick(sync.resolve_button, Qt.MouseButton.LeftButton)
    screen = shell.screen("shortage")
    qtbot.waitUntil(lambda: screen.shortage is not None and screen.shortage.live,
                    timeout=10_000)
    source = find(screen, QRadioButton, "Source it from the stores that have it")
    assert source.isEnabled() and source.isChecked()
    (line,) = screen.shortage.lines
    assert line.requested == here and sum(q for _, q in line.split) == here
    assert len(line.split) >= 2
    QTest.mouseClick(find(screen, QPushButton, "Send the corrected order"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sent again under the same number" in shell.banner.label.text(),
                    timeout=10_000)
    assert facade.sync.sync_now().unsent == 0
    placed = facade.orders.order(number)
    assert (placed.order_number, placed.pickup_code, placed.sync) == (number, pickup_code,
                                                                      "synced")
    assert sorted((ln.source_store_id, ln.quantity) for ln in placed.lines) == sorted(line.split)
    assert facade.orders.shortages() == []
    # Exactly once on the server, under that number: two new orders, the other tablet's and
    # this one.
    after = on_server()
    assert len(after) == len(before) + 2 and after.count(number) == 1


def cancel_on_page(shell, qtbot, number: str):
    shell.show_screen("order", order_number=number)
    page = shell.screen("order")
    qtbot.waitUntil(lambda: page.page is not None and page.cancel_button.isVisible(),
                    timeout=10_000)
    QTest.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    box = page.confirmation
    qtbot.waitUntil(box.isVisible, timeout=5000)
    QTest.mouseClick(find(box, QPushButton, "Cancel the order"), Qt.MouseButton.LeftButton)
    return page


def test_offline_an_order_is_cancelled_from_its_page_and_the_move_queues(
        shell, qtbot, facade, seeded, live_server):
    sent = place(facade, seeded.customer_id, payment="paid_in_store")
    assert facade.sync.sync_now().unsent == 0
    live_server.stop()
    unsent = place(facade, seeded.customer_id, payment="paid_in_store")
    # Made here offline: on the counter to prepare already, marked as not sent.
    waiting = {o.order_number: o for o in facade.pickups.counter().to_prepare}
    assert waiting[unsent].sync == "waiting" and sent in waiting

    # Never sent: it leaves the device, nothing reaches the server.
    cancel_on_page(shell, qtbot, unsent)
    qtbot.waitUntil(lambda: "cancelled before it was sent" in shell.banner.label.text(),
                    timeout=10_000)
    assert [e.target for e in facade.sync.outbox_entries()] == []

    # Sent before: the cancel waits for the server, shown as such.
    page = cancel_on_page(shell, qtbot, sent)
    qtbot.waitUntil(lambda: "waiting to be sent" in page.status_label.text(), timeout=10_000)
    assert [e.kind for e in facade.sync.outbox_entries()] == ["order.status"]
    live_server.start()
    assert facade.sync.sync_now().unsent == 0
    assert facade.orders.order(sent).status == "cancelled"


def test_offline_the_scanned_qr_is_handed_over_and_the_move_queues(
        shell, qtbot, facade, seeded, live_server):
    number = place(facade, seeded.customer_id, payment="paid_in_store")
    assert facade.sync.sync_now().unsent == 0
    facade.orders.set_order_status(number, "ready_for_pickup")
    assert facade.sync.sync_now().unsent == 0
    payload = facade.orders.order(number).pickup_payload
    counter = open_pickups(shell, qtbot)
    live_server.stop()
    facade.sync.sync_now()  # the device finds the server gone
    shell.sync_status_changed.emit(facade.sync.sync_status())
    assert counter.offline_note.isVisible()
    with qtbot.waitSignal(shell.scan_router.routed, timeout=10_000):
        shell.scan_router.route(payload)
    pickup = shell.screen("pickup")
    qtbot.waitUntil(lambda: pickup.page is not None and pickup.collect_button.isVisible(),
                    timeout=10_000)
    # Paid at the till: handed over at once, no question.
    QTest.mouseClick(pickup.collect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: f"Order {number} handed over." in shell.banner.label.text(),
                    timeout=10_000)
    assert pickup.confirmation is None
    qtbot.waitUntil(lambda: "waiting to be sent" in pickup.order_label.text(), timeout=10_000)
    assert "Already collected" in pickup.state_label.text()
    assert [e.kind for e in facade.sync.outbox_entries()] == ["order.status"]
    live_server.start()
    assert facade.sync.sync_now().unsent == 0
    assert facade.orders.order(number).status == "collected"


def test_a_short_order_delivered_home_checks_the_address_first(shell, qtbot, facade, seeded):
    from PySide6.QtWidgets import QLineEdit

    product = facade.catalog.search_products("a", limit=1)[0]
    facade.orders.place_order(customer_id=seeded.customer_id, lines=[(product.sku, 999)],
                              fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    assert facade.sync.sync_now().failed == 1
    (short,) = facade.orders.shortages()
    number = short.order.order_number
    shell.show_screen("shortage", order_number=number)
    screen = shell.screen("shortage")
    qtbot.waitUntil(lambda: screen.shortage is not None, timeout=10_000)
    QTest.mouseClick(find(screen, QRadioButton, "Deliver it to the customer's home"),
                     Qt.MouseButton.LeftButton)
    screen.spins[product.sku].setValue(1)
    QTest.keyClicks(find(screen, QLineEdit, "Address"), "12 rue de la Paix")
    QTest.keyClicks(find(screen, QLineEdit, "Postcode"), "99000")
    QTest.keyClicks(find(screen, QLineEdit, "City"), "Paris")
    send = find(screen, QPushButton, "Send the corrected order")
    QTest.mouseClick(send, Qt.MouseButton.LeftButton)
    assert screen.address_error.isVisible() and "French postcode" in screen.address_error.text()
    assert facade.orders.shortages()[0].order.order_number == number  # nothing changed
    postcode = find(screen, QLineEdit, "Postcode")
    postcode.clear()
    QTest.keyClicks(postcode, "75002")
    QTest.mouseClick(send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sent again under the same number" in shell.banner.label.text(),
                    timeout=10_000)
    assert facade.sync.sync_now().unsent == 0
    placed = facade.orders.order(number)
    assert (placed.fulfillment_type, placed.pickup_code) == ("home_delivery", None)
    assert placed.payment is not None and placed.payment.mode == "paid_in_store"
    assert placed.delivery_by is not None
