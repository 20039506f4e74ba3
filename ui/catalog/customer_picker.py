"""The customer picker: who the seller is serving, when a product goes to a cart or a wishlist
with no customer in context (search by name, card, phone or email; or enrol a new one)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

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

from clienteling.replica.views import CustomerSummary
from ui import kit, messages, workers

if TYPE_CHECKING:
    from clienteling.device import Device


class CustomerPickerDialog(QDialog):
    """Pick the customer being served. Accepted with `chosen` set, or with `enrol` True when
    the seller asked to enrol a new customer instead."""

    def __init__(self, device: Device, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPicker")
        self.setWindowTitle(self.tr("Who is the customer?"))
        self.setAccessibleName(self.windowTitle())
        self.resize(600, 520)
        self._device = device
        self._generation = 0
        self._found: list[CustomerSummary] = []
        self.chosen: CustomerSummary | None = None
        self.enrol = False
        layout = QVBoxLayout(self)
        why = kit.label(self, "muted")
        why.setText(purpose)
        layout.addWidget(why)
        self.search = QLineEdit(self)
        self.search.setAccessibleName(self.tr("Search customers"))
        self.search.setPlaceholderText(self.tr("Name, card, phone or email"))
        self.search.setMinimumHeight(48)
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self._names = QStringListModel(self)
        self.results = QListView(self)
        self.results.setAccessibleName(self.tr("Customers found"))
        self.results.setModel(self._names)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        QScroller.grabGesture(self.results.viewport(),
                              QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.results.clicked.connect(lambda index: self._choose(index.row()))
        self.results.activated.connect(lambda index: self._choose(index.row()))
        layout.addWidget(self.results, 1)
        self.status = kit.label(self, "muted", accessible=self.tr("Customer search status"))
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        enrol = kit.button(self, self.tr("Enrol a new customer"), "user")
        enrol.clicked.connect(self._enrol)
        buttons.addButton(enrol, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(kit.button(self, self.tr("Cancel")),
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(lambda: self._choose(0))

    def _run_search(self) -> None:
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self._show([])
            return
        workers.run(self._device.customers.search_customers, text, 30, owner=self,
                    name="pick a customer",
                    on_result=lambda found: self._show(found)
                    if generation == self._generation else None,
                    on_error=lambda error: self.status.setText(messages.for_error(error)))

    def _show(self, found: Sequence[CustomerSummary]) -> None:
        self._found = list(found)
        self._names.setStringList([
            " · ".join(x for x in (f"{c.first_name} {c.last_name}", c.card or "", c.email or "")
                       if x) for c in found])
        if found:
            self.status.setText(self.tr("%n customer(s)", None, len(found)))
        elif self.search.text().strip():
            self.status.setText(self.tr("No customer matches «%1»").replace(
                "%1", self.search.text().strip()))
        else:
            self.status.setText("")

    def _choose(self, row: int) -> None:
        if 0 <= row < len(self._found):
            self.chosen = self._found[row]
            self.accept()

    def _enrol(self) -> None:
        self.enrol = True
        self.accept()
