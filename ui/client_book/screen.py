"""The managers' client book: the store's clients in one sortable, filterable table read from
the replica a page at a time; the filters (segment, tier, last purchase, spend, channels,
consent, seller, free text) in a panel that reflows on a tablet; named lists; assigning the
selection to a seller (offline it queues); a follow-up for the selection; the 360 of a row;
the list exported to CSV in the background (progress, cancel), recorded on the server.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QScroller,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clienteling.api import models as w
from clienteling.domain.loyalty import LOYALTY_TIERS
from ui import messages, workers
from ui.client_book.model import COLUMNS, SEGMENTS, ClientBookModel, segment_label, sort_column
from ui.kit.widgets import button, restyle, size_columns
from ui.models.vocabulary import tier_label
from ui.screen import Screen, ScreenshotState, Shell

SEARCH_DELAY_MS = 200
NO_DATE = QDate(2000, 1, 1)  # the date fields' "any" (shown as a dash)


def csv_separator(locale: QLocale | None = None) -> str:
    """The separator a spreadsheet of this locale expects: ";" where the decimal mark is a
    comma (French), "," elsewhere."""
    locale = locale or QLocale()
    return ";" if locale.decimalPoint() == "," else ","


class ClientBookScreen(Screen):
    screen_id = "client_book"
    screenshot_name = "client-book"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self.model = ClientBookModel(shell.device, self)
        self.model.loaded.connect(self._on_loaded)
        self.model.counted.connect(self._show_state)
        self.model.failed.connect(self._on_failed)
        self.model.sort_changed.connect(self._on_sort)
        self.model.rowsInserted.connect(lambda *_: self._show_state())
        self._sort = "name"
        self._export_task: workers.Task | None = None
        self._lists: list[Any] = []
        self._ready = False

        # Text typed in the search and amount fields: the list once typing pauses.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.panel = QFrame(self)

        self.setMinimumSize(360, 400)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)

        # -- the bar: text, lists, filters toggle, export
        # One row on a wide window; the search alone on the first row when narrow.
        self._bar = QGridLayout()
        self._bar.setHorizontalSpacing(8)
        self._bar.setVerticalSpacing(8)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        bar = self._buttons
        self.search = QLineEdit(self)
        self.search.setObjectName("bookSearch")
        self.search.setPlaceholderText(self.tr("Name, email, phone or card number"))
        self.search.setAccessibleName(self.tr("Search the client book"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(44)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.lists = QComboBox(self)
        self.lists.setObjectName("bookLists")
        self.lists.setAccessibleName(self.tr("Saved lists"))
        self.lists.setMinimumHeight(44)
        self.lists.setMinimumWidth(150)
        self.lists.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.lists.setMinimumContentsLength(12)
        self.lists.activated.connect(self._pick_list)
        bar.addWidget(self.lists)
        # Short words beside the lists (a tablet's width); the full name for screen readers.
        self.save_button = button(self, self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save list"))
        self.save_button.clicked.connect(self.ask_save_list)
        bar.addWidget(self.save_button)
        self.delete_button = button(self, self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete list"))
        self.delete_button.clicked.connect(self.delete_current_list)
        bar.addWidget(self.delete_button)
        self.filters_button = button(self, self.tr("Filters"))
        self.filters_button.setCheckable(True)
        self.filters_button.setChecked(True)
        self._panel_auto = True
        self.filters_button.toggled.connect(self._toggle_panel)
        bar.addWidget(self.filters_button)
        self.export_button = button(self, self.tr("Export"), primary=True)
        self.export_button.clicked.connect(self.choose_export_file)
        bar.addWidget(self.export_button)
        self._narrow: bool | None = None
        self._place_bar(narrow=False)
        layout.addLayout(self._bar)

        # -- the filters panel
        self.panel.setObjectName("bookFilters")
        self.panel.setProperty("card", True)
        self._grid = QGridLayout(self.panel)
        self._grid.setContentsMargins(12, 10, 12, 10)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)
        self.segment = self._combo(self.tr("Segment"), [(None, self.tr("Any segment"))] + [
            (s, segment_label(s)) for s in SEGMENTS])
        self.tier = self._combo(self.tr("Tier"), [(None, self.tr("Any tier"))] + [
            (t, tier_label(t)) for t in LOYALTY_TIERS])
        self.bought_from = self._date(self.tr("Last purchase from"))
        self.bought_to = self._date(self.tr("Last purchase to"))
        self.min_value = self._amount(self.tr("Spent at least"))
        self.max_value = self._amount(self.tr("Spent at most"))
        self.min_channels = QSpinBox(self.panel)
        self.min_channels.setRange(0, 4)
        self.min_channels.setSpecialValueText(self.tr("Any"))
        self.min_channels.setAccessibleName(self.tr("Channels used, at least"))
        self.min_channels.setMinimumHeight(44)
        self.min_channels.valueChanged.connect(lambda _v: self.apply_filters())
        self.consent = self._combo(self.tr("Consent"), [
            (None, self.tr("Any consent")), ("email", self.tr("Email consent")),
            ("sms", self.tr("SMS consent"))])
        self.seller = self._combo(self.tr("Assigned seller"), [(None, self.tr("Any seller"))])
        self._fields: list[tuple[str, QWidget]] = [
            (self.tr("Segment"), self.segment), (self.tr("Tier"), self.tier),
            (self.tr("Last purchase from"), self.bought_from),
            (self.tr("Last purchase to"), self.bought_to),
            (self.tr("Spent at least"), self.min_value),
            (self.tr("Spent at most"), self.max_value),
            (self.tr("Channels used, at least"), self.min_channels),
            (self.tr("Consent"), self.consent), (self.tr("Assigned seller"), self.seller)]
        self._labels = [QLabel(text, self.panel) for text, _ in self._fields]
        for label in self._labels:
            label.setProperty("role", "muted")
        self.reset_button = button(self.panel, self.tr("Clear filters"), flat=True)
        self.reset_button.clicked.connect(self.clear_filters)
        self._columns: int | None = None
        self._reflow(4)
        layout.addWidget(self.panel)

        # -- the status line and the selection's actions
        status = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("bookStatus")
        self.status.setAccessibleName(self.tr("Client book status"))
        status.addWidget(self.status, 1)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        status.addWidget(self.progress)
        self.cancel_button = button(self, self.tr("Cancel export"), flat=True)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.cancel_button.hide()
        status.addWidget(self.cancel_button)
        self.assign_to = QComboBox(self)
        self.assign_to.setAccessibleName(self.tr("Seller to assign to"))
        self.assign_to.setMinimumHeight(44)
        self.assign_to.setMinimumWidth(220)
        self.assign_to.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        status.addWidget(self.assign_to)
        self.assign_button = button(self, self.tr("Assign"))
        self.assign_button.clicked.connect(self.assign_selection)
        status.addWidget(self.assign_button)
        self.follow_up_button = button(self, self.tr("New follow-up"))
        self.follow_up_button.clicked.connect(self.new_follow_up)
        status.addWidget(self.follow_up_button)
        layout.addLayout(status)

        # -- the table
        self.table = QTableView(self)
        self.table.setObjectName("bookTable")
        self.table.setAccessibleName(self.tr("Clients"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_actions())
        QScroller.grabGesture(self.table.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self)
        self.empty.setObjectName("bookEmpty")
        self.empty.setProperty("role", "empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty, 1)
        # The channels column takes what is left (and elides); the name keeps room for a
        # long name, so a tablet scrolls sideways rather than cutting names.
        size_columns(self.table, self.table.horizontalHeader(), stretch=5, samples={
            0: ["DE LA FONTAINE Marie-Christine"], 1: [tier_label(t) for t in LOYALTY_TIERS],
            2: ["12 345,00 €"], 3: ["31/12/2026"], 4: ["9999"], 6: ["E-mail · SMS"],
            7: ["Capucine Gaillard (Paris Rivoli)"], 8: [segment_label(s) for s in SEGMENTS]})
        self.table.horizontalHeader().setMinimumSectionSize(60)

        shell.replica_changed.connect(self._on_replica_changed)
        self._show_actions()
        self._show_state()

    # --- building --------------------------------------------------------------------------

    def _combo(self, name: str, items: list[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox(self.panel)
        combo.setAccessibleName(name)
        combo.setMinimumHeight(44)
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return combo

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(self.panel)
        edit.setAccessibleName(name)
        edit.setMinimumHeight(44)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(lambda _d: self.apply_filters())
        return edit

    def _amount(self, name: str) -> QLineEdit:
        edit = QLineEdit(self.panel)
        edit.setAccessibleName(name)
        edit.setMinimumHeight(44)
        edit.setPlaceholderText("0")
        edit.textChanged.connect(lambda _t: self._timer.start())
        return edit

    def _reflow(self, columns: int) -> None:
        """The filters in `columns` label-and-field pairs per row (4 on a desktop, 2 on a
        tablet in landscape, 1 in portrait)."""
        if columns == self._columns:
            return
        self._columns = columns
        for label, (_, field) in zip(self._labels, self._fields, strict=True):
            self._grid.removeWidget(label)
            self._grid.removeWidget(field)
        self._grid.removeWidget(self.reset_button)
        for i, (label, (_, field)) in enumerate(zip(self._labels, self._fields, strict=True)):
            row, col = divmod(i, columns)
            self._grid.addWidget(label, row * 2, col)
            self._grid.addWidget(field, row * 2 + 1, col)
        last = (len(self._fields) - 1) // columns
        col = len(self._fields) % columns
        if col == 0:
            self._grid.addWidget(self.reset_button, last * 2 + 3, 0)
        else:
            self._grid.addWidget(self.reset_button, last * 2 + 1, col)
        for c in range(5):
            self._grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit()

    def _place_bar(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self._bar.removeWidget(self.search)
        self._bar.removeItem(self._buttons)
        self._buttons.removeWidget(self.lists)
        self._bar.removeWidget(self.lists)
        self._bar.addWidget(self.search, 0, 0)
        if narrow:
            # The saved lists beside the search, the buttons on their own row: all in one
            # row they overlapped at 800 px once "Filters (2)" counted.
            self._bar.addWidget(self.lists, 0, 1)
            self._bar.addLayout(self._buttons, 1, 0, 1, 2)
        else:
            self._buttons.insertWidget(0, self.lists)
            self._bar.addLayout(self._buttons, 0, 1)
        self._bar.setColumnStretch(0, 1)

    def _fit(self) -> None:
        width = self.width()
        self._place_bar(narrow=width < 1000)
        self._reflow(5 if width >= 1500 else 3 if width >= 1000 else 2)
        if self._panel_auto:
            # A desk's screen shows the filters; a tablet keeps the rows and opens them on
            # demand (until the person chooses, the size decides).
            wide = width >= 1500
            if self.filters_button.isChecked() != wide:
                self.filters_button.blockSignals(True)
                self.filters_button.setChecked(wide)
                self.filters_button.blockSignals(False)
                self.panel.setVisible(wide)

    def _toggle_panel(self, on: bool) -> None:
        self._panel_auto = False
        self.panel.setVisible(on)

    def _count_filters(self, f: w.ClientFilters) -> int:
        data = f.model_dump(exclude_defaults=True)
        return len([k for k in data if k not in ("store_id", "sort", "q")])

    # --- Screen ----------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Client book")

    def enter(self, **params: Any) -> None:
        self.model.set_device(self.shell.device)
        self.follow_up_button.setVisible(self.shell.has_screen("task_new"))
        if not self._ready:
            self._ready = True
            self.refresh_lists()
            self.refresh_sellers()
            self.apply_filters()

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {}

    def screenshot_states(self) -> list[ScreenshotState]:
        def filtered() -> None:
            # The filters shown, at every size.
            self.filters_button.setChecked(True)
            self._panel_auto = False
            self.panel.setVisible(True)
            self.set_filters(w.ClientFilters(
                store_id=self.device.clients.store_id(), segment=w.SegmentName.LOYAL,
                min_channels=2, sort=w.ClientSort.LIFETIME_VALUE_DESC))

        def plain() -> None:
            self._panel_auto = True
            self._fit()
            self.set_filters(w.ClientFilters(store_id=self.device.clients.store_id()))

        return [("", plain), ("filtered", filtered)]

    # --- filters ---------------------------------------------------------------------------

    def _amount_value(self, edit: QLineEdit) -> Decimal | None:
        text = edit.text().strip().replace(" ", "").replace("\u202f", "").replace(",", ".")
        if not text:
            edit.setProperty("invalid", False)
            return None
        try:
            value = Decimal(text)
            if not value.is_finite() or value < 0 or value > w.AMOUNT_FILTER_MAX:
                raise InvalidOperation
        except InvalidOperation:
            edit.setProperty("invalid", True)
            restyle(edit)
            raise
        edit.setProperty("invalid", False)
        restyle(edit)
        return value.quantize(Decimal("0.01"))

    @staticmethod
    def _day(edit: QDateEdit) -> dt.date | None:
        day = edit.date()
        return None if day == NO_DATE else dt.date(day.year(), day.month(), day.day())

    def current_filters(self) -> w.ClientFilters | None:
        """The filters as the panel says them; None (and the field marked) when an amount
        does not read."""
        try:
            low, high = self._amount_value(self.min_value), self._amount_value(self.max_value)
        except InvalidOperation:
            return None
        device = self.shell.device
        if device is None:
            return None
        return w.ClientFilters(
            store_id=device.clients.store_id(), q=self.search.text().strip()[:200],
            segment=self.segment.currentData(), tier=self.tier.currentData(),
            last_purchase_from=self._day(self.bought_from),
            last_purchase_to=self._day(self.bought_to), min_value=low, max_value=high,
            min_channels=self.min_channels.value() or None, consent=self.consent.currentData(),
            assigned_seller_id=self.seller.currentData(), sort=w.ClientSort(self._sort))

    def apply_filters(self) -> None:
        if not self._ready:
            return
        self._timer.stop()
        filters = self.current_filters()
        if filters is None:
            self.status.setText(self.tr("An amount is not a number: check the spend fields."))
            return
        active = self._count_filters(filters)
        self.filters_button.setText(self.tr("Filters (%1)").replace("%1", str(active))
                                    if active else self.tr("Filters"))
        if filters == self.model.filters and not self.model.loading:
            return
        self.model.load(filters)
        self._show_state()

    def set_filters(self, f: w.ClientFilters) -> None:
        """Show the panel as `f` says (a saved list) and load it."""
        self._ready = False  # one load at the end, not one per field
        self.search.setText(f.q)
        self._select(self.segment, f.segment.value if f.segment else None)
        self._select(self.tier, f.tier)
        self.bought_from.setDate(_qdate(f.last_purchase_from))
        self.bought_to.setDate(_qdate(f.last_purchase_to))
        self.min_value.setText(format(f.min_value, "f") if f.min_value is not None else "")
        self.max_value.setText(format(f.max_value, "f") if f.max_value is not None else "")
        self.min_channels.setValue(f.min_channels or 0)
        self._select(self.consent, f.consent.value if f.consent else None)
        if f.assigned_seller_id is not None and self.seller.findData(f.assigned_seller_id) < 0:
            self.seller.addItem(self.model.seller_name(f.assigned_seller_id),
                                f.assigned_seller_id)
        self._select(self.seller, f.assigned_seller_id)
        self._sort = f.sort.value
        header = self.table.horizontalHeader()
        header.setSortIndicator(sort_column(self._sort), Qt.SortOrder.DescendingOrder
                                if self._sort.startswith("-") else Qt.SortOrder.AscendingOrder)
        self._ready = True
        self.apply_filters()

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(0, index))

    def clear_filters(self) -> None:
        device = self.shell.device
        if device is not None:
            self.set_filters(w.ClientFilters(store_id=device.clients.store_id(),
                                             sort=w.ClientSort(self._sort)))

    def _on_sort(self, sort: str) -> None:
        self._sort = sort
        self.apply_filters()

    # --- named lists -------------------------------------------------------------------------

    def refresh_lists(self) -> None:
        workers.run(self.device.clients.lists, owner=self, name="client lists",
                    on_result=self._show_lists, on_error=self.shell.show_error)

    def _show_lists(self, found: list[Any]) -> None:
        self._lists = found
        self.lists.blockSignals(True)
        self.lists.clear()
        self.lists.addItem(self.tr("Saved lists…"), None)
        for item in found:
            self.lists.addItem(item.name, item.name)
        self.lists.blockSignals(False)
        self.delete_button.setEnabled(False)

    def _pick_list(self, index: int) -> None:
        name = self.lists.itemData(index)
        self.delete_button.setEnabled(name is not None)
        chosen = next((item for item in self._lists if item.name == name), None)
        if chosen is not None:
            self.set_filters(chosen.filters)

    def ask_save_list(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save list"),
                                        self.tr("Name of the list:"))
        if ok:
            self.save_list(name)

    def save_list(self, name: str) -> workers.Task | None:
        filters = self.current_filters()
        if filters is None:
            return None

        def saved(_found: Any) -> None:
            self.shell.notify(self.tr("List «%1» saved").replace("%1", " ".join(name.split())))
            self.refresh_lists()

        return workers.run(self.device.clients.save_list, name, filters, owner=self,
                           name="save client list", on_result=saved,
                           on_error=self.shell.show_error)

    def delete_current_list(self) -> workers.Task | None:
        name = self.lists.currentData()
        if name is None:
            return None
        return workers.run(self.device.clients.delete_list, name, owner=self,
                           name="delete client list", on_result=lambda _g: self.refresh_lists(),
                           on_error=self.shell.show_error)

    # --- sellers and assignment --------------------------------------------------------------

    def refresh_sellers(self) -> None:
        workers.run(self.device.clients.sellers, owner=self, name="store sellers",
                    on_result=self._show_sellers, on_error=self.shell.show_error)

    def _show_sellers(self, sellers: list[Any]) -> None:
        self.model.set_sellers({s.staff_id: s.display_name for s in sellers if s.display_name})
        chosen = self.seller.currentData()
        for combo in (self.seller, self.assign_to):
            combo.blockSignals(True)
            keep = combo.itemData(0) is None and combo is self.seller
            combo.clear()
            if keep:
                combo.addItem(self.tr("Any seller"), None)
            for s in sellers:
                combo.addItem(self.model.seller_name(s.staff_id), s.staff_id)
            combo.blockSignals(False)
        self._select(self.seller, chosen)
        self._show_actions()

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [c.customer_id for r in rows if (c := self.model.client(r)) is not None]

    def assign_selection(self) -> workers.Task | None:
        ids = self.selected_ids()
        seller = self.assign_to.currentData()
        if not ids or seller is None:
            return None

        def done(entry: Any) -> None:
            self.shell.notify(self.tr("%n client(s) assigned to %1", None, len(ids))
                              .replace("%1", self.assign_to.currentText()))
            self.model.load(self.model.filters or self.current_filters())  # type: ignore[arg-type]

        return workers.run(self.device.clients.assign, ids, seller, owner=self,
                           name="assign clients", on_result=done,
                           on_error=self.shell.show_error)

    def new_follow_up(self) -> None:
        ids = self.selected_ids()
        if ids and self.shell.has_screen("task_new"):
            self.shell.show_screen("task_new", customer_ids=ids)

    def open_row(self, row: int) -> None:
        client = self.model.client(row)
        if client is not None:
            self.shell.show_screen("customer", customer_id=client.customer_id)

    def _show_actions(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.assign_button.setEnabled(chosen and self.assign_to.count() > 0)
        self.follow_up_button.setEnabled(chosen)

    # --- export ------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the list"), self.tr("clients.csv"),
            self.tr("CSV files (*.csv)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> workers.Task | None:
        """Write the current list to `path` in the background (progress, cancel)."""
        filters = self.model.filters
        if filters is None or self._export_task is not None:
            return None
        progress = workers.ui_callback(self._export_progress, owner=self)
        task: workers.Task | None = None

        def cancelled() -> bool:
            return task is not None and task.cancel_requested.is_set()

        def finished(rows: int | None) -> None:
            self._end_export()
            if rows is not None:
                self.shell.notify(self.tr("%n client(s) exported", None, rows))

        def failed(error: BaseException) -> None:
            self._end_export()
            self.shell.show_error(error)

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.export_button.setEnabled(False)
        task = workers.run(self.device.clients.export_csv, filters, path,
                           separator=csv_separator(), progress=progress, cancelled=cancelled,
                           total=self.model.total,
                           owner=self, name="export clients", on_result=finished,
                           on_error=failed)
        self._export_task = task
        return task

    def _export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancel_export(self) -> None:
        task = self._export_task
        if task is not None:
            task.cancel_requested.set()  # the worker stops at its next page, nothing recorded
            task.cancel()
            self._end_export()
            self.shell.notify(self.tr("Export cancelled"))

    def _end_export(self) -> None:
        self._export_task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.export_button.setEnabled(True)

    # --- states -------------------------------------------------------------------------------

    def _on_loaded(self) -> None:
        self._show_state()

    def _on_failed(self, error: BaseException) -> None:
        self.empty.setText(messages.for_error(error))
        self.empty.setProperty("role", "error")
        restyle(self.empty)
        self.table.hide()
        self.empty.show()
        self.status.setText("")

    def _on_replica_changed(self, changes: Any) -> None:
        # New figures or assignments from the feed: the list again, where it was (first page).
        if self._ready and self.isVisible() and (getattr(changes, "customers", None)
                                                 or getattr(changes, "reset", False)):
            self.model.load(self.model.filters or self.current_filters())  # type: ignore[arg-type]

    def _show_state(self) -> None:
        rows = self.model.rowCount()
        loading = self.model.loading
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
        self.empty.setProperty("role", "empty")
        restyle(self.empty)
        offline = (self.shell.sync_status is not None
                   and getattr(self.shell.sync_status, "state", "") in ("offline",
                                                                        "needs_sign_in"))
        if loading and rows == 0:
            self.empty.setText(self.tr("Loading the client book…"))
            self.status.setText(self.tr("Loading…"))
            return
        total = self.model.total
        if rows == 0 and total is None and not self.model.canFetchMore():
            total = 0  # an empty first page is the whole list
        if rows == 0:
            filtered = self.model.filters is not None and self.model.filters != w.ClientFilters(
                store_id=self.model.filters.store_id, sort=self.model.filters.sort)
            self.empty.setText(self.tr("No client matches these filters.") if filtered else
                               self.tr("No client in this store's book yet."))
        text = (self.tr("%n client(s)", None, total) if total is not None
                else self.tr("Counting the clients…"))
        if offline:
            text += " · " + self.tr("Offline: the book as last synced; assignments and "
                                    "exports are sent when the network is back")
        self.status.setText(text)


def _qdate(day: dt.date | None) -> QDate:
    return NO_DATE if day is None else QDate(day.year, day.month, day.day)


__all__ = ["COLUMNS", "ClientBookScreen", "csv_separator"]
