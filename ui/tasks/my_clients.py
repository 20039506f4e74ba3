"""My clients: the store's clients assigned to the signed-in seller, read from the device's
copy of the client book in pages (`device.clients`, keyset pages: `assigned_seller_id` is me),
searchable; a client opens in their 360. Works offline (it reads the replica)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
)

from clienteling.replica.views import ChangeSet
from ui import messages, workers
from ui.i18n import QT_TRANSLATE_NOOP, format_date, format_money
from ui.kit.widgets import button, label, screen_head
from ui.screen import Screen, ScreenshotState, Shell
from ui.tasks.table import rows_table

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
PAGE = 100

_SEGMENTS = {
    "champions": QT_TRANSLATE_NOOP("MyClients", "Champions"),
    "loyal": QT_TRANSLATE_NOOP("MyClients", "Loyal"),
    "promising": QT_TRANSLATE_NOOP("MyClients", "Promising"),
    "new": QT_TRANSLATE_NOOP("MyClients", "New"),
    "at_risk": QT_TRANSLATE_NOOP("MyClients", "At risk"),
    "hibernating": QT_TRANSLATE_NOOP("MyClients", "Hibernating"),
    "lost": QT_TRANSLATE_NOOP("MyClients", "Lost"),
}


class MyClientsModel(QAbstractTableModel):
    """Rows of the client book (`ClientRow`) page after page: `more_wanted(cursor)` asks for
    the next page when a view scrolls to the end; `add_page` brings it."""

    NAME, SEGMENT, VALUE, LAST, CONSENTS = range(5)
    more_wanted = Signal(object)  # the cursor after the last row

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._cursor: str | None = None
        self._asking = False

    def reset(self, rows: list[Any], cursor: str | None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cursor = cursor
        self._asking = False
        self.endResetModel()

    def add_page(self, rows: list[Any], cursor: str | None) -> None:
        self._asking = False
        self._cursor = cursor
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._cursor is not None and not self._asking

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._asking = True
            self.more_wanted.emit(self._cursor)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (translate("MyClients", "Client"), translate("MyClients", "Segment"),
                 translate("MyClients", "Lifetime value"),
                 translate("MyClients", "Last purchase"),
                 translate("MyClients", "May be contacted by"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        client = self._rows[index.row()]
        column = index.column()
        if column == self.NAME:
            return f"{client.first_name} {client.last_name}"
        if column == self.SEGMENT:
            source = _SEGMENTS.get(client.segment)
            return translate("MyClients", source) if source else client.segment
        if column == self.VALUE:
            return format_money(client.lifetime_value)
        if column == self.LAST:
            return format_date(client.last_purchase_at) if client.last_purchase_at else "—"
        if column == self.CONSENTS:
            ways = [w for w, ok in ((translate("MyClients", "email"), client.consent_email),
                                    (translate("MyClients", "SMS"), client.consent_sms)) if ok]
            return ", ".join(ways) if ways else translate("MyClients", "neither email nor SMS")
        return None


class MyClientsScreen(Screen):
    screen_id = "my_clients"
    screenshot_name = "my-clients"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._generation = 0
        self._search = QTimer(self)
        self._search.setSingleShot(True)
        self._search.setInterval(250)
        self._search.timeout.connect(self.reload)
        head = screen_head(self, back=self.shell.back, back_name="myClientsBack")
        outer, self.heading = head.outer, head.heading
        assert head.back_button is not None
        self.back_button = head.back_button
        self.search = QLineEdit(self)
        self.search.setObjectName("myClientsSearch")
        self.search.setMinimumHeight(44)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search.start())
        outer.addWidget(self.search)
        self.count_label = label(self, "muted", "myClientsCount")
        outer.addWidget(self.count_label)
        self.pages = QStackedWidget(self)
        self.status = label(self, "empty", "myClientsStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.status)
        self.model = MyClientsModel(self)
        self.model.more_wanted.connect(self._more)
        self.table = rows_table(self, "myClientsTable", self.model, MyClientsModel.CONSENTS)
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.pages.addWidget(self.table)
        outer.addWidget(self.pages, 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.open_button = button(self, "", "user", primary=True)
        self.open_button.setObjectName("myClientsOpen")
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        bar.addWidget(self.open_button)
        outer.addLayout(bar)
        shell.replica_changed.connect(self._on_changes)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(translate("MyClients", "My clients"))
        self.back_button.setText(translate("MyClients", "Back"))
        self.back_button.setAccessibleName(translate("MyClients", "Back"))
        self.search.setPlaceholderText(translate("MyClients", "Search my clients by name, "
                                                 "email or phone"))
        self.search.setAccessibleName(translate("MyClients", "Search my clients"))
        self.table.setAccessibleName(translate("MyClients", "My clients"))
        self.open_button.setText(translate("MyClients", "Open the client"))
        self.open_button.setAccessibleName(translate("MyClients", "Open the client"))

    def title(self) -> str:
        return translate("MyClients", "My clients")

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        # Portrait: the name and how to reach the client before the segment.
        self.table.setColumnHidden(MyClientsModel.SEGMENT, self.width() < 1000)

    def enter(self, **params: Any) -> None:
        self.retranslate()
        self.reload()

    def leave(self) -> None:
        self._search.stop()

    def _on_changes(self, changes: ChangeSet) -> None:
        if self.isVisible() and (changes.reset or changes.touches("customer")):
            self._search.start()

    # -- reading, a page at a time -----------------------------------------------------------
    def _read(self, text: str, after: str | None) -> tuple[Any, int | None]:
        """In a worker: a page of my clients (and, for the first, how many there are)."""
        device = self.device
        me = device.session.settings.user_id
        book = device.clients
        filters = book.filters(assigned_seller_id=me, q=text, sort="name")
        page = book.page(filters, after, PAGE)
        return page, (book.count(filters) if after is None else None)

    def reload(self) -> None:
        if self.shell.device is None:
            return
        self._generation += 1
        generation = self._generation
        if not self.model.rowCount():
            self.status.setText(translate("MyClients", "Loading your clients…"))
            self.pages.setCurrentWidget(self.status)
        workers.run(self._read, self.search.text().strip(), None, owner=self,
                    on_result=lambda found: self._first(generation, *found),
                    on_error=lambda error: self._failed(generation, error),
                    name="my_clients.first")

    def _first(self, generation: int, page: Any, total: int | None) -> None:
        if generation != self._generation:
            return
        self.model.reset(page.items, page.next_cursor)
        self.count_label.setText(self.tr("%n client(s) assigned to you", None, total or 0))
        if not page.items:
            self.status.setText(
                translate("MyClients", "No client matches this search.")
                if self.search.text().strip() else translate(
                    "MyClients", "No client is assigned to you yet: your manager assigns "
                    "them from the client book."))
            self.pages.setCurrentWidget(self.status)
        else:
            self.pages.setCurrentWidget(self.table)
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(page.items))

    def _more(self, cursor: str) -> None:
        generation = self._generation
        workers.run(self._read, self.search.text().strip(), cursor, owner=self,
                    on_result=lambda found: self._next(generation, found[0]),
                    on_error=lambda error: self._failed(generation, error),
                    name="my_clients.more")

    def _next(self, generation: int, page: Any) -> None:
        if generation == self._generation:
            self.model.add_page(page.items, page.next_cursor)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.reset([], None)
        self.status.setText(messages.for_error(error))
        self.pages.setCurrentWidget(self.status)
        self.open_button.setEnabled(False)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.shell.show_screen("customer",
                                   customer_id=self.model.row_at(index.row()).customer_id)

    def screenshot_params(self, demo: dict[str, Any]) -> dict[str, Any] | None:
        return {}

    def screenshot_states(self) -> list[ScreenshotState]:
        return [("", lambda: None)]
