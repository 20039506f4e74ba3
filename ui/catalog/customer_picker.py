"""The customer picker: who the seller is serving, when a product goes to a cart or a wishlist
with no customer in context (search by name, card, phone or email; or enrol a new one)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from clienteling.replica.views import CustomerSummary
from ui import kit
from ui.catalog.search_picker import PickerWords, SearchPickerDialog

if TYPE_CHECKING:
    from clienteling.device import Device


def describe(customer: CustomerSummary) -> str:
    return " · ".join(x for x in (f"{customer.first_name} {customer.last_name}",
                                  customer.card or "", customer.email or "") if x)


class CustomerPickerDialog(SearchPickerDialog[CustomerSummary]):
    """Pick the customer being served. Accepted with `chosen` set, or with `enrol` True when
    the seller asked to enrol a new customer instead."""

    def __init__(self, device: Device, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(device.customers.search_customers, describe, "pick a customer", parent)
        self.setObjectName("customerPicker")
        self.setWindowTitle(self.tr("Who is the customer?"))
        self.setAccessibleName(self.windowTitle())
        self.resize(600, 520)
        self.enrol = False
        self.set_words(PickerWords(
            search=self.tr("Search customers"),
            placeholder=self.tr("Name, card, phone or email"),
            results=self.tr("Customers found"),
            status=self.tr("Customer search status"),
            cancel=self.tr("Cancel")))
        why = kit.label(self, "muted")
        why.setText(purpose)
        self.main_layout.insertWidget(0, why)
        enrol = kit.button(self, self.tr("Enrol a new customer"), "user")
        enrol.clicked.connect(self._enrol)
        self.buttons.addButton(enrol, QDialogButtonBox.ButtonRole.ActionRole)

    def _show(self, found: Sequence[CustomerSummary]) -> None:
        super()._show(found)
        if found:
            self.status.setText(self.tr("%n customer(s)", None, len(found)))
        elif self.search.text().strip():
            self.status.setText(self.tr("No customer matches «%1»").replace(
                "%1", self.search.text().strip()))
        else:
            self.status.setText("")

    def _enrol(self) -> None:
        self.enrol = True
        self.accept()
