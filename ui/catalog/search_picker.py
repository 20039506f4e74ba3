"""What the product and customer pickers share: a search field searched in a worker as the
seller types (the newest search wins), the results to tap, a status line and Cancel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QStringListModel, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from ui import kit, messages, workers

Found = TypeVar("Found")


@dataclass(frozen=True)
class PickerWords:
    """The picker's texts, translated by the dialog that uses it (its own context)."""

    search: str  # the search field's accessible name
    placeholder: str
    results: str  # the results list's accessible name
    status: str  # the status line's accessible name
    cancel: str


class SearchPickerDialog(QDialog, Generic[Found]):
    """Accepted with `chosen` set to what the seller picked."""

    def __init__(self, search: Callable[[str, int], Sequence[Found]],
                 describe: Callable[[Found], str], worker_name: str,
                 parent: QWidget | None = None) -> None:
        """`search(text, most)` runs in a worker; the dialog then calls `set_words`."""
        super().__init__(parent)
        self._search = search
        self._describe = describe
        self._worker_name = worker_name
        self._generation = 0
        self._found: list[Found] = []
        self.chosen: Found | None = None
        self.main_layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setMinimumHeight(48)
        self.search.setClearButtonEnabled(True)
        self.main_layout.addWidget(self.search)
        self._names = QStringListModel(self)
        self.results = QListView(self)
        self.results.setModel(self._names)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        QScroller.grabGesture(self.results.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.results.activated.connect(lambda index: self._choose(index.row()))
        self.results.clicked.connect(lambda index: self._choose(index.row()))
        self.main_layout.addWidget(self.results, 1)
        self.status = kit.label(self, "muted")
        self.main_layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        self.cancel_button = kit.button(self, "")
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        self.main_layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._on_enter)

    def set_words(self, words: PickerWords) -> None:
        self.search.setAccessibleName(words.search)
        self.search.setPlaceholderText(words.placeholder)
        self.results.setAccessibleName(words.results)
        self.status.setAccessibleName(words.status)
        self.cancel_button.setText(words.cancel)
        self.cancel_button.setAccessibleName(words.cancel)

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self._show([])
            return
        workers.run(self._search, text, 30, owner=self, name=self._worker_name,
                    on_result=lambda found: self._show(found)
                    if generation == self._generation else None,
                    on_error=self._on_error)

    def _show(self, found: Sequence[Found]) -> None:
        """The results listed; the status line is the dialog's to word."""
        self._found = list(found)
        self._names.setStringList([self._describe(item) for item in found])

    def _on_enter(self) -> None:
        self._choose(0)

    def _on_error(self, error: BaseException) -> None:
        self.status.setText(messages.for_error(error))

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._found):
            self._chosen(self._found[row])

    def _chosen(self, item: Any) -> None:
        self.chosen = item
        self.accept()
