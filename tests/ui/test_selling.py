"""Selling as a seller would, against a real server on loopback: scan a card, scan a product,
add it to the cart, check out for click and collect in another store, confirm, and see the
order on the server and in the customer's orders; the same with the server stopped (number and
QR at once, sent exactly once when it is back); a payment link paid through the webhook turns
paid on the tablet. Every model of the selling screens through qtmodeltester."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from clienteling.device import Device
from clienteling.device.carts import MAX_QUANTITY
from clienteling.device.checkout import Fulfillment
from clienteling.domain.money import Money
from clienteling.replica.views import CartLine, DeliveryMethodView
from tests.ui.live_server import LiveServer, Seeded
from ui import workers
from ui.cart.checkout import ready_words
from ui.cart.confirmation import ConfirmationScreen, PaymentLinkScreen
from ui.models.cart import CartModel, CartsModel, PickupStoresModel, QuoteLinesModel
from ui.models.stock import StockModel

SECRET = "webhook-secret-for-tests"


def _server_orders(database_url: str, number: str) -> int:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM orders WHERE order_number = :n"),
                                    {"n": number}).scalar_one())
    finally:
        engine.dispose()


def _product_elsewhere(facade: Device, store_id: str) -> tuple[str, str, str]:
    """A product (sku, ean) on the shelf of another click-and-collect store than the
    seller's, and that store."""
    others = [s for s in facade.catalog.stores() if s.store_id != store_id
              and s.click_and_collect]
    for product in facade.catalog.search_products("a", 60):
        if not product.ean:
            continue
        figures = {f.store.store_id: f for f in facade.catalog.stock_for(product.sku,
                                                                         refresh=True)}
        for store in others:
            figure = figures.get(store.store_id)
            if figure is not None and figure.available and figure.available >= 2:
                return product.sku, product.ean, store.store_id
    raise AssertionError("the demo has no product in another store")


def _scan(shell: Any, qtbot: Any, text: str) -> None:
    with qtbot.waitSignal(shell.scan_router.routed, timeout=10_000):
        shell.scan_router.route(text)
    workers.wait_idle(10_000)


def _sell(shell: Any, qtbot: Any, seeded: Seeded, facade: Device) -> tuple[str, str]:
    """Card, product, cart, checkout in another store, Confirm: the confirmation's order."""
    sku, ean, store = _product_elsewhere(facade, seeded.store_id)
    _scan(shell, qtbot, seeded.card)
    assert shell.current_screen_id() == "customer"
    assert shell.customer_in_context == seeded.customer_id
    _scan(shell, qtbot, ean)
    product = shell.current_screen()
    assert product.screen_id == "product"
    qtbot.waitUntil(lambda: product.product is not None and product.product.sku == sku,
                    timeout=10_000)
    qtbot.mouseClick(product.cart_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(line.sku == sku for line in
                                facade.carts.cart(seeded.customer_id).lines), timeout=10_000)
    shell.show_screen("cart")
    cart = shell.current_screen()
    qtbot.waitUntil(lambda: cart.model.rowCount() >= 1, timeout=10_000)
    assert "Cart of" in cart.title_label.text()
    qtbot.mouseClick(cart.checkout_button, Qt.MouseButton.LeftButton)
    checkout = shell.current_screen()
    assert checkout.screen_id == "checkout"
    qtbot.waitUntil(lambda: checkout.stores_model.rowCount() > 1, timeout=10_000)
    row = next(i for i in range(checkout.stores_model.rowCount())
               if checkout.stores_model.option(i).store.store_id == store)
    checkout.stores_view.selectRow(row)
    qtbot.waitUntil(lambda: checkout.confirm_button.isEnabled(), timeout=15_000)
    assert checkout.quote is not None and checkout.quote.ready_by is not None
    assert checkout.when_label.text() == ready_words(checkout.quote.ready_by)
    _check_the_quote_fits(shell, qtbot, checkout)
    shell.banner.hide()
    qtbot.mouseClick(checkout.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.current_screen_id() == "confirmation"
                    or shell.banner.isVisible(), timeout=10_000)
    assert shell.current_screen_id() == "confirmation", shell.banner.label.text()
    confirmation: ConfirmationScreen = shell.current_screen()
    qtbot.waitUntil(lambda: confirmation.order is not None and confirmation.qr.has_code(),
                    timeout=10_000)
    assert confirmation.order.fulfillment_store_id == store
    assert confirmation.order.order_number and confirmation.order.pickup_payload
    return confirmation.order.order_number, sku


def _check_the_quote_fits(shell: Any, qtbot: Any, checkout: Any) -> None:
    """Portrait: the quote card keeps a gap from the scroll bar, and the store column is as
    wide as the stores it names, the product names getting the rest."""
    size = shell.size()
    shell.resize(800, 1280)
    bar = checkout.side_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: checkout.width() < 900 and bar.maximum() > 0, timeout=5000)
    qtbot.waitUntil(lambda: checkout.quote_card.geometry().right() + 12
                    <= checkout.side_scroll.viewport().width(), timeout=5000)
    view = checkout.lines_view
    column = QuoteLinesModel.SOURCE
    texts = [str(view.model().index(row, column).data())
             for row in range(view.model().rowCount())]
    title = str(view.model().headerData(column, Qt.Orientation.Horizontal))
    widest = max(view.fontMetrics().horizontalAdvance(t) for t in [*texts, title])
    assert view.columnWidth(column) <= widest + 40
    shell.resize(size)


def test_a_click_and_collect_in_another_store_reaches_the_server_and_the_customer(
        shell, qtbot, seeded: Seeded, facade: Device, live_server: LiveServer) -> None:
    number, _sku = _sell(shell, qtbot, seeded, facade)
    confirmation = shell.current_screen()
    assert "Waiting to be sent" in confirmation.state_label.text()
    assert facade.carts.cart(seeded.customer_id).lines == ()
    facade.sync.sync_now()
    assert _server_orders(live_server.database_url, number) == 1
    qtbot.waitUntil(lambda: confirmation.order.sync == "synced", timeout=10_000)
    assert "reserved" in confirmation.state_label.text()
    assert "reserved at" in confirmation.lines_label.text()
    orders = {o.order_number: o for o in facade.customers.customer_360(
        seeded.customer_id).orders}
    assert orders[number].status == "confirmed"


def test_confirmed_offline_the_number_and_qr_show_at_once_and_arrive_once(
        shell, qtbot, seeded: Seeded, facade: Device, live_server: LiveServer) -> None:
    sku, _ean, _store = _product_elsewhere(facade, seeded.store_id)
    facade.checkout.delivery_methods(refresh=True)
    live_server.stop()
    facade.carts.add(seeded.customer_id, sku, 1)
    shell.show_screen("checkout", customer_id=seeded.customer_id)
    checkout = shell.current_screen()
    qtbot.waitUntil(lambda: checkout.confirm_button.isEnabled(), timeout=20_000)
    assert checkout.quote.estimated and "offline" in checkout.quote_state.text()
    qtbot.mouseClick(checkout.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.current_screen_id() == "confirmation", timeout=10_000)
    confirmation = shell.current_screen()
    qtbot.waitUntil(lambda: confirmation.order is not None and confirmation.qr.has_code(),
                    timeout=10_000)
    number = confirmation.order.order_number
    assert confirmation.order.sync == "waiting" and "Waiting to be sent" in \
        confirmation.state_label.text()
    # The stock shown is net of it.
    figures = {f.store.store_id: f for f in facade.catalog.stock_for(sku)}
    assert sum(f.pending_out for f in figures.values()) == 1

    live_server.start()
    facade.sync.sync_now()
    facade.sync.sync_now()
    assert _server_orders(live_server.database_url, number) == 1
    qtbot.waitUntil(lambda: confirmation.order.sync == "synced", timeout=10_000)


def test_the_ticket_is_a_pdf_without_a_printer(shell, qtbot, seeded: Seeded, facade: Device,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.cart import ticket

    monkeypatch.setattr(ticket, "has_printer", lambda: False)
    sku, _ean, _store = _product_elsewhere(facade, seeded.store_id)
    facade.carts.add(seeded.customer_id, sku, 1)
    entry = facade.checkout.place(seeded.customer_id, Fulfillment("click_and_collect"),
                                  "paid_in_store", receipt="T-0042")
    shell.show_screen("confirmation", order_number=entry.target,
                      customer_id=seeded.customer_id)
    confirmation = shell.current_screen()
    qtbot.waitUntil(lambda: confirmation.order is not None, timeout=10_000)
    qtbot.mouseClick(confirmation.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: confirmation.last_ticket is not None, timeout=15_000)
    pdf = Path(confirmation.last_ticket)
    assert pdf.parent == facade.session.paths.data_dir / "tickets"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000


@pytest.fixture
def paying_server(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch):
    """A second API on the same database whose payment links work (the demo's page)."""
    monkeypatch.setenv("CLIENTELING_PAYMENT_PAGE", "https://pay.example.test/{order_number}")
    monkeypatch.setenv("CLIENTELING_PAYMENT_WEBHOOK_SECRET", SECRET)
    server = LiveServer(live_server.database_url)
    server.start()
    yield server
    server.stop()


def test_a_payment_link_paid_through_the_webhook_turns_paid_on_the_tablet(
        qtbot, seeded: Seeded, paying_server: LiveServer, tmp_path: Path) -> None:
    from tests.ui.live_server import memory_tokens
    from ui.main_window import MainWindow

    device = Device(tmp_path / "tablet", token_store=memory_tokens())
    try:
        device.session.sign_in(paying_server.url, seeded.username, seeded.password)
        device.sync.sync_now()
        window = MainWindow(device)
        qtbot.addWidget(window)
        window.set_user(device.session.current_user())
        window.load_sections("seller")
        relay = workers.ui_callback(window.replica_changed.emit, owner=window)
        unsubscribe = device.sync.subscribe(relay)
        window.resize(1280, 800)
        window.show()
        product = next(p for p in device.catalog.search_products("a", 60)
                       if any(f.is_this_store and f.available
                              for f in device.catalog.stock_for(p.sku)))
        device.carts.add(seeded.customer_id, product.sku, 1)
        entry = device.checkout.place(seeded.customer_id, Fulfillment("click_and_collect"),
                                      "payment_link")
        window.show_screen("payment", order_number=entry.target)
        screen: PaymentLinkScreen = window.current_screen()
        qtbot.waitUntil(lambda: "reaches the server" in screen.state_label.text(),
                        timeout=10_000)
        device.sync.sync_now()
        qtbot.waitUntil(lambda: screen.qr.has_code(), timeout=15_000)
        assert screen.url_label.text() == f"https://pay.example.test/{entry.target}"
        assert not screen.is_paid()
        body = json.dumps({"order_number": entry.target, "status": "paid",
                           "reference": "PSP-1"}).encode()
        signature = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        answer = requests.post(f"{paying_server.url}/api/v1/payments/webhook", data=body,
                               headers={"Content-Type": "application/json",
                                        "X-Signature": f"sha256={signature}"}, timeout=10)
        assert answer.status_code == 200, answer.text
        device.sync.sync_now()  # the feed brings the order back
        qtbot.waitUntil(screen.is_paid, timeout=15_000)
        assert "Paid" in screen.state_label.text()
        unsubscribe()
        window.close()
    finally:
        workers.wait_idle(10_000)
        device.close()


def test_every_selling_model_passes_the_model_tester(qtmodeltester, seeded: Seeded,
                                                     facade: Device) -> None:
    sku, _ean, store = _product_elsewhere(facade, seeded.store_id)
    stock = StockModel()
    stock.set_figures(facade.catalog.stock_for(sku))
    qtmodeltester.check(stock)
    assert stock.rowCount() == len(facade.catalog.stores())
    facade.carts.add(seeded.customer_id, sku, 2)
    cart = CartModel()
    cart.set_rows(facade.carts.cart(seeded.customer_id).lines)
    qtmodeltester.check(cart)
    carts = CartsModel()
    carts.set_rows(facade.carts.carts())
    qtmodeltester.check(carts)
    stores = PickupStoresModel()
    stores.set_rows(facade.checkout.pickup_options(seeded.customer_id))
    qtmodeltester.check(stores)
    lines = QuoteLinesModel()
    lines.set_rows(facade.checkout.quote(
        seeded.customer_id, Fulfillment("click_and_collect", store_id=store)).lines)
    qtmodeltester.check(lines)
    assert lines.rowCount() == 1


def test_the_selling_screens_read_in_french(shell, qtbot, french, seeded: Seeded,
                                            facade: Device) -> None:
    shell.set_customer_in_context(seeded.customer_id)
    shell.show_screen("cart")
    cart = shell.current_screen()
    qtbot.waitUntil(lambda: "vide" in cart.message.text() or cart.model.rowCount() > 0,
                    timeout=10_000)
    for view in cart.findChildren(QTableView):
        assert view.accessibleName()


def test_the_delivery_methods_and_a_line_without_figures_read_naturally_in_french(
        shell, qtbot, french, seeded: Seeded, facade: Device) -> None:
    # A free courier within a day, not "0,00 € · 0 à 1 jours"; a line with no stock figure at
    # the pickup store is short "with no figure", not "unknown" nor "0 here".
    shell.set_customer_in_context(seeded.customer_id)
    shell.show_screen("checkout", customer_id=seeded.customer_id)
    checkout = shell.current_screen()
    free = Money(Decimal("0"), "EUR")
    checkout._show_methods([DeliveryMethodView("store_courier", free, 0, 1),
                            DeliveryMethodView("standard", Money(Decimal("4.90"), "EUR"), 2, 4),
                            DeliveryMethodView("express", Money(Decimal("9.90"), "EUR"), 1, 1)])
    texts = [b.text() for b in checkout._methods.buttons()]
    assert texts == ["Coursier du magasin · gratuit · sous 1 jour",
                     "Standard · 4,90\u00a0€ · 2 à 4 jours", "Express · 9,90\u00a0€ · 1 jour"]
    workers.wait_idle(10_000)
    unknown = CartLine("X-1", None, 1, free, free, None, True, ())
    assert CartModel().availability(unknown) == "manquant : inconnu ici"


def test_offline_the_product_shows_the_devices_figures_with_their_age(
        shell, qtbot, seeded: Seeded, facade: Device, live_server: LiveServer) -> None:
    sku, _ean, _store = _product_elsewhere(facade, seeded.store_id)
    shell.show_screen("product", sku=sku)
    product = shell.current_screen()
    qtbot.waitUntil(lambda: "Live figures" in product.stock_status.text(), timeout=10_000)
    live_server.stop()
    product.refresh_live()
    qtbot.waitUntil(lambda: product.stock_status.text().startswith("Offline:"),
                    timeout=15_000)
    assert "ago" in product.stock_status.text()
    assert product.stock_model.rowCount() == len(facade.catalog.stores())
    workers.wait_idle(10_000)


def test_the_wishlist_sends_a_product_to_the_cart(shell, qtbot, seeded: Seeded,
                                                  facade: Device) -> None:
    sku, _ean, _store = _product_elsewhere(facade, seeded.store_id)
    facade.customers.add_to_wishlist(seeded.customer_id, sku)
    shell.show_screen("customer", customer_id=seeded.customer_id)
    screen = shell.current_screen()
    qtbot.waitUntil(lambda: screen.wishlist_model.rowCount() > 0, timeout=10_000)
    row = next(r for r in range(screen.wishlist_model.rowCount())
               if screen.wishlist_model.entry(r).sku == sku)
    screen.tabs.setCurrentIndex(1)
    screen.wishlist_view.selectRow(row)
    assert screen.wish_to_cart_button.isVisible()
    qtbot.mouseClick(screen.wish_to_cart_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.current_screen_id() == "cart", timeout=10_000)
    cart = shell.current_screen()
    qtbot.waitUntil(lambda: cart.model.rowCount() == 1, timeout=10_000)
    assert cart.model.line(0).sku == sku


def test_in_portrait_the_product_drops_the_reserved_column_for_the_store_names(
        shell, qtbot, seeded: Seeded, facade: Device) -> None:
    sku, _ean, _store = _product_elsewhere(facade, seeded.store_id)
    shell.show_screen("product", sku=sku)
    product = shell.current_screen()
    qtbot.waitUntil(lambda: product.stock_model.rowCount() > 0, timeout=10_000)
    shell.resize(800, 1280)
    qtbot.waitUntil(lambda: product.stock_view.isColumnHidden(StockModel.RESERVED),
                    timeout=5_000)
    assert not product.stock_view.isColumnHidden(StockModel.AVAILABLE)
    product.stock_model.set_figures(facade.catalog.stock_for(sku))  # new figures: still hidden
    assert product.stock_view.isColumnHidden(StockModel.RESERVED)
    shell.resize(1280, 800)
    qtbot.waitUntil(lambda: not product.stock_view.isColumnHidden(StockModel.RESERVED),
                    timeout=5_000)
    workers.wait_idle(10_000)


def test_the_cart_quantity_never_drops_a_line_by_accident_and_says_its_limit(
        shell, qtbot, seeded: Seeded, facade: Device) -> None:
    sku, _ean, _store = _product_elsewhere(facade, seeded.store_id)
    facade.carts.add(seeded.customer_id, sku, 1)
    shell.set_customer_in_context(seeded.customer_id)
    shell.show_screen("cart")
    cart = shell.current_screen()
    qtbot.waitUntil(lambda: cart.model.rowCount() == 1, timeout=10_000)
    cart.view.selectRow(0)
    # One unit: "One less" is off (Remove removes); two units: on.
    assert cart.remove_button.isEnabled() and not cart.less_button.isEnabled()
    qtbot.mouseClick(cart.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cart.model.rowCount() == 1 and cart.model.line(0).quantity == 2,
                    timeout=10_000)
    cart.view.selectRow(0)
    assert cart.less_button.isEnabled()
    # Past the most a line may hold: a clear message, the line as it was.
    facade.carts.set_quantity(seeded.customer_id, sku, MAX_QUANTITY)
    cart.reload()
    qtbot.waitUntil(lambda: cart.model.line(0).quantity == MAX_QUANTITY, timeout=10_000)
    cart.view.selectRow(0)
    shell.banner.hide()
    qtbot.mouseClick(cart.more_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.banner.isVisible(), timeout=10_000)
    assert shell.banner.label.text() == "A quantity is between 1 and 999."
    assert facade.carts.cart(seeded.customer_id).lines[0].quantity == MAX_QUANTITY
    workers.wait_idle(10_000)


def test_the_ready_day_says_today_or_tomorrow_when_it_is(qapp) -> None:
    from ui.i18n import format_date

    today = dt.date(2026, 11, 29)
    assert ready_words(today, today) == "Ready for pickup today"
    assert ready_words(dt.date(2026, 11, 30), today) == "Ready for pickup tomorrow"
    later = dt.date(2026, 12, 2)
    assert ready_words(later, today) == f"Ready for pickup on {format_date(later)}"
