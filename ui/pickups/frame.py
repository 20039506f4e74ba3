"""The frame the order, pickup and shortage pages share: a top bar (Back, and one button to
the page's other side), then a message page (loading, empty, error) stacked over a scrolling
page whose cards float on the window's grey; and, for the order and pickup pages, reading
one order in a worker and reloading it when the replica changes under it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import kit, messages, workers
from ui.pickups.common import OrderPage, load_order
from ui.screen import Screen, Shell

if TYPE_CHECKING:
    from clienteling.replica.views import ChangeSet


@dataclass(frozen=True)
class PageFrame:
    back_button: QPushButton
    side_button: QPushButton  # to the customer or the order, shown once there is one
    pages: QStackedWidget  # 0: the message, 1: the page
    message: QLabel
    body: QWidget  # the scrolling page: lay the cards out in it


def page_frame(screen: Screen, *, back: str, side: tuple[str, str, Callable[[], None]],
               message: tuple[str, str]) -> PageFrame:
    """Builds the frame on `screen`. The texts come translated by the screen (its context):
    `back`, `side` (text, icon, slot), `message` (object name, accessible name)."""
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(16, 12, 16, 12)
    outer.setSpacing(10)
    bar = QHBoxLayout()
    back_button = kit.button(screen, back, "back", flat=True)
    back_button.clicked.connect(screen.shell.back)
    bar.addWidget(back_button)
    bar.addStretch(1)
    side_text, side_icon, side_slot = side
    side_button = kit.button(screen, side_text, side_icon)
    side_button.clicked.connect(side_slot)
    bar.addWidget(side_button)
    outer.addLayout(bar)

    pages = QStackedWidget(screen)
    outer.addWidget(pages, 1)
    message_name, message_title = message
    message_label = kit.label(screen, "empty", message_name, message_title)
    message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    pages.addWidget(message_label)
    scroll = QScrollArea(screen)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    body = QWidget()
    scroll.setWidget(body)
    kit.see_through(scroll)
    pages.addWidget(scroll)
    return PageFrame(back_button, side_button, pages, message_label, body)


class OrderPageScreen(Screen):
    """An order's page read in a worker (the order and pickup screens): the newest read wins,
    a failure says why on the message page, and a change to the order reloads it."""

    load_name: ClassVar[str] = "order page"  # the worker's name

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        # An explicit minimum: the window may shrink to a portrait tablet (the content reflows).
        self.setMinimumSize(360, 400)
        self.order_number: str | None = None
        self.page: OrderPage | None = None
        self._generation = 0
        self._acting: workers.Task | None = None
        self.confirmation: QMessageBox | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(80)
        self._refresh.timeout.connect(self.reload)
        self.message: QLabel
        self.pages: QStackedWidget

    def show_page(self, page: OrderPage) -> None:
        """Each screen lays the order out its own way."""
        raise NotImplementedError

    def _show_actions(self) -> None:
        """Each screen offers its own moves."""
        raise NotImplementedError

    def leave(self) -> None:
        self._refresh.stop()

    def reload(self) -> None:
        if not self.order_number or self.shell.device is None:
            return
        self._generation += 1
        generation = self._generation
        workers.run(load_order, self.shell.device, self.order_number, owner=self,
                    name=self.load_name, on_result=lambda page: self._loaded(generation, page),
                    on_error=lambda error: self._failed(generation, error))

    def _loaded(self, generation: int, page: OrderPage) -> None:
        if generation == self._generation:
            self.show_page(page)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.page = None
        self.message.setText(messages.for_error(error))
        self.pages.setCurrentIndex(0)
        self._show_actions()

    def _on_changes(self, changes: ChangeSet) -> None:
        if not shiboken6.isValid(self) or self.page is None or not self.isVisible():
            return
        if changes.reset or changes.outbox or changes.touches("order", self.order_number):
            self._refresh.start()
