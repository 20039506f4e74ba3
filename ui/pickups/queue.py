"""The store's pickup counter: orders to prepare, ready and waiting for the customer, and
collected today; mark one ready, open it, or hand it over (a scanned pickup QR does that from
anywhere in the window)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QScroller,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clienteling.domain.errors import DomainError
from clienteling.replica.views import OrderView, PickupCounter
from ui import icons, kit, messages, workers
from ui.i18n import format_date, format_datetime, format_number
from ui.pickups.common import status_words
from ui.screen import Screen, ScreenshotState, Shell

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.replica.views import ChangeSet

Index = QModelIndex | QPersistentModelIndex
_PENDING = QColor("#8a5a00")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_NAMED = 200  # customers named per read, at most


class PickupQueueModel(QAbstractTableModel):
    """One group of the counter: order, customer, items, and when (placed, ready by,
    collected)."""

    NUMBER, CUSTOMER, ITEMS, WHEN = range(4)
    OrderRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, group: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.group = group
        self._orders: list[OrderView] = []
        self._names: dict[str, str] = {}

    def set_orders(self, orders: Sequence[OrderView], names: dict[str, str]) -> None:
        self.beginResetModel()
        self._orders = list(orders)
        self._names = dict(names)
        self.endResetModel()

    def order(self, row: int) -> OrderView | None:
        return self._orders[row] if 0 <= row < len(self._orders) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        when = {"to_prepare": self.tr("Placed"), "ready": self.tr("Ready by"),
                "collected": self.tr("Collected")}.get(self.group, "")
        return {self.NUMBER: self.tr("Order"), self.CUSTOMER: self.tr("Customer"),
                self.ITEMS: self.tr("Items"), self.WHEN: when}.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        order = self.order(index.row())
        if order is None:
            return None
        column = index.column()
        if role == self.OrderRole:
            return order
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NUMBER:
                number = order.order_number or ""
                if order.pending_status:
                    return f"{number} · {status_words(order)}"
                return number
            if column == self.CUSTOMER:
                return self._names.get(order.customer_id, order.customer_id)
            if column == self.ITEMS:
                return format_number(sum(line.quantity for line in order.lines))
            if column == self.WHEN:
                if self.group == "ready" and order.ready_by is not None:
                    return format_date(order.ready_by)
                moment = (order.updated_at if self.group == "collected" else None) or (
                    order.created_at)
                return format_datetime(moment)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.ITEMS, self.WHEN):
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == self.NUMBER and (
                order.pending_status or order.sync != "synced"):
            return _PENDING
        return None


def load_counter(device: Device) -> tuple[PickupCounter, dict[str, str]]:
    """In a worker: the counter's groups and the names of their customers."""
    counter = device.pickups.counter()
    names: dict[str, str] = {}
    for order in (*counter.to_prepare, *counter.ready, *counter.collected_today):
        if order.customer_id in names or len(names) >= _NAMED:
            continue
        try:
            profile = device.customers.customer_360(order.customer_id).profile
        except DomainError:
            continue
        names[order.customer_id] = f"{profile.first_name} {profile.last_name}".strip()
    return counter, names


def open_demo_orders(device: Device, customer_id: str) -> int:
    """In a worker, for the screenshot run: when the store's counter has no open order, two
    click-and-collect orders of products on this store's shelf for `customer_id`, sent, the
    second one marked ready (the customer told). Returns how many were placed."""
    counter = device.pickups.counter()
    if counter.to_prepare or counter.ready:
        return 0
    skus = []
    for product in device.catalog.search_products("e", limit=40):
        here = next((f for f in device.catalog.stock_for(product.sku) if f.is_this_store), None)
        if here is not None and (here.available or 0) >= 2:
            skus.append(product.sku)
        if len(skus) == 3:
            break
    if len(skus) < 3:
        return 0
    device.orders.place_order(customer_id=customer_id, lines=[(skus[0], 1)],
                              fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    ready = device.orders.place_order(customer_id=customer_id,
                                      lines=[(skus[1], 1), (skus[2], 2)],
                                      fulfillment="click_and_collect",
                                      payment_mode="paid_in_store")
    device.sync.sync_now()
    if ready.target:
        device.orders.set_order_status(ready.target, "ready_for_pickup")
        device.sync.sync_now()
    return 2


def rail_count(device: Device) -> int:
    """The rail's count: orders waiting to be prepared."""
    return device.pickups.to_prepare_count()


class PickupsScreen(Screen):
    """The store's click-and-collect counter, in three groups."""

    screen_id = "pickups"
    GROUPS = ("to_prepare", "ready", "collected")

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        # An explicit minimum: the window may shrink to a portrait tablet (the content reflows).
        self.setMinimumSize(360, 400)
        self.counter: PickupCounter | None = None
        self._demo_customer: str | None = None
        self._loading: workers.Task | None = None
        self._again = False
        self._acting: workers.Task | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(150)
        self._refresh.timeout.connect(self.reload)

        screen_head = kit.screen_head(self, spacing=12)
        outer, head = screen_head.outer, screen_head.top
        screen_head.heading.setWordWrap(True)
        screen_head.heading.setText(self.tr("Pickups"))
        self.scan_hint = kit.label(self, "muted", "pickupsHint", self.tr("How to hand over"))
        self.scan_hint.setText(self.tr("Scan the customer's pickup QR anywhere in the app to "
                                       "hand the order over."))
        head.addWidget(self.scan_hint, 2)
        self.offline_note = kit.label(self, "muted", "pickupsOffline", self.tr("Offline"))
        self.offline_note.setText(self.tr("Offline: the counter is this device's copy. What you "
                                          "mark ready or collected is sent when the network is "
                                          "back."))
        self.offline_note.setStyleSheet("color: #8a5a00;")
        self.offline_note.hide()
        outer.addWidget(self.offline_note)

        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages, 1)
        self.message = kit.label(self, "empty", "pickupsMessage", self.tr("Pickups status"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setText(self.tr("Loading the pickups…"))
        self.pages.addWidget(self.message)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pickupTabs")
        self.tabs.setAccessibleName(self.tr("Pickup groups"))
        self.pages.addWidget(self.tabs)
        self.models: dict[str, PickupQueueModel] = {}
        self.views: dict[str, QTableView] = {}
        self.empties: dict[str, QStackedWidget] = {}
        empty_words = {
            "to_prepare": self.tr("Nothing to prepare: every order for this store is ready."),
            "ready": self.tr("No order is waiting for its customer."),
            "collected": self.tr("No order was collected today yet."),
        }
        for group in self.GROUPS:
            model = PickupQueueModel(group, self)
            view = QTableView(self)
            view.setObjectName(f"pickups_{group}")
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setAlternatingRowColors(True)
            view.setShowGrid(False)
            view.setWordWrap(False)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(48)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(PickupQueueModel.CUSTOMER, QHeaderView.ResizeMode.Stretch)
            QScroller.grabGesture(view.viewport(),
                                  QScroller.ScrollerGestureType.LeftMouseButtonGesture)
            view.activated.connect(lambda index, g=group: self.open_order(g, index.row()))
            view.selectionModel().selectionChanged.connect(lambda *_a: self._show_actions())
            empty = kit.label(self, "empty")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setText(empty_words[group])
            stack = QStackedWidget(self)
            stack.addWidget(view)
            stack.addWidget(empty)
            page = QWidget(self)
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 8, 0, 0)
            column.addWidget(stack)
            self.tabs.addTab(page, icons.icon("pickups", icons.MUTED), "")
            self.models[group] = model
            self.views[group] = view
            self.empties[group] = stack
        self.tabs.currentChanged.connect(lambda _i: self._show_actions())

        actions = QHBoxLayout()
        self.open_button = kit.button(self, self.tr("Open the order"), "search")
        self.open_button.clicked.connect(lambda: self.open_order(self.current_group(),
                                                                 self._selected_row()))
        self.ready_button = kit.button(self, self.tr("Mark ready"), "check", primary=True)
        self.ready_button.clicked.connect(self.mark_ready)
        self.hand_button = kit.button(self, self.tr("Hand over…"), "pickups", primary=True)
        self.hand_button.clicked.connect(self.hand_over)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(self.ready_button)
        actions.addWidget(self.hand_button)
        outer.addLayout(actions)

        self.shell.replica_changed.connect(self._on_changes)
        self.shell.sync_status_changed.connect(self._on_status)
        self._on_status(self.shell.sync_status)
        self._titles()
        self._show_actions()

    # -- Screen ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Pickups")

    def enter(self, **params: Any) -> None:
        group = params.get("group")
        if group in self.GROUPS:
            self.tabs.setCurrentIndex(self.GROUPS.index(group))
        self.reload()

    def leave(self) -> None:
        self._refresh.stop()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        self._demo_customer = demo.get("customer_id") or None
        return {}

    def screenshot_states(self) -> list[ScreenshotState]:
        return [("", self._demo_counter)]

    def _demo_counter(self) -> None:
        """The demo's history is all collected: an empty counter says little. Place two real
        orders for the demo customer (one marked ready) when nothing is open, then show it."""
        device = self.shell.device
        if device is None or not self._demo_customer:
            self.reload()
            return
        workers.run(open_demo_orders, device, self._demo_customer, owner=self,
                    name="pickups.demo", on_result=lambda _n: self.reload())

    # -- reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        device = self.shell.device
        if device is None:
            return
        if self._loading is not None:
            self._again = True
            return
        self._loading = workers.run(load_counter, device, owner=self, name="pickups.load",
                                    on_result=self._on_loaded, on_error=self._on_failed)

    def _on_loaded(self, result: tuple[PickupCounter, dict[str, str]]) -> None:
        self._loading = None
        counter, names = result
        self.counter = counter
        groups = {"to_prepare": counter.to_prepare, "ready": counter.ready,
                  "collected": counter.collected_today}
        for group, orders in groups.items():
            self.models[group].set_orders(orders, names)
            self.empties[group].setCurrentIndex(0 if orders else 1)
        self.pages.setCurrentIndex(1)
        self._titles()
        self._show_actions()
        if self._again:
            self._again = False
            self.reload()

    def _on_failed(self, error: BaseException) -> None:
        self._loading = None
        self._again = False
        self.message.setText(messages.for_error(error))
        self.pages.setCurrentIndex(0)

    def _titles(self) -> None:
        counts = [self.models[g].rowCount() for g in self.GROUPS]
        words = (self.tr("To prepare (%1)"), self.tr("Ready (%1)"),
                 self.tr("Collected today (%1)"))
        for position, (text, count) in enumerate(zip(words, counts, strict=True)):
            self.tabs.setTabText(position, text.replace("%1", format_number(count)))

    def _on_status(self, status: Any) -> None:
        if shiboken6.isValid(self):
            self.offline_note.setVisible(getattr(status, "state", None) == "offline")

    def _on_changes(self, changes: ChangeSet) -> None:
        if not shiboken6.isValid(self) or not self.isVisible():
            return
        if changes.reset or changes.outbox or changes.touches("order"):
            self._refresh.start()

    # -- selection and actions -----------------------------------------------------------------
    def current_group(self) -> str:
        return self.GROUPS[max(0, self.tabs.currentIndex())]

    def _selected_row(self) -> int:
        rows = self.views[self.current_group()].selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_order(self) -> OrderView | None:
        return self.models[self.current_group()].order(self._selected_row())

    def _show_actions(self) -> None:
        order = self.selected_order()
        group = self.current_group()
        busy = self._acting is not None
        self.open_button.setEnabled(order is not None)
        self.ready_button.setVisible(group == "to_prepare")
        self.ready_button.setEnabled(order is not None and not busy)
        self.hand_button.setVisible(group == "ready")
        self.hand_button.setEnabled(order is not None and not busy)

    def open_order(self, group: str, row: int) -> None:
        order = self.models[group].order(row)
        if order is not None and order.order_number:
            self.shell.show_screen("order", order_number=order.order_number)

    def hand_over(self) -> None:
        """Without the QR (a customer with a dead phone): the same check as a scan."""
        order = self.selected_order()
        if order is not None and order.order_number:
            self.shell.show_screen("pickup", order_number=order.order_number)

    def mark_ready(self) -> None:
        order = self.selected_order()
        if order is None or not order.order_number or self._acting is not None:
            return
        number = order.order_number

        def done(_entry: Any) -> None:
            self._acting = None
            self.shell.notify(self.tr("Order %1 marked ready. The customer is told by the "
                                      "channel they agreed to.").replace("%1", number))
            self.reload()

        def failed(error: BaseException) -> None:
            self._acting = None
            self.shell.show_error(error)
            self._show_actions()

        self._acting = workers.run(self.device.orders.set_order_status, number,
                                   "ready_for_pickup", owner=self, name="pickups.ready",
                                   on_result=done, on_error=failed)
        self._show_actions()
