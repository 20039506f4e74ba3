"""The 360's dialogs: a note, a consent given or withdrawn (and how), the contact details."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from clienteling.replica.views import CustomerProfile
from ui import kit
from ui.customers.contact import (
    CONTACT_FIELDS,
    contact_error_texts,
    field_label,
    parse_hint,
    validate_contact,
)
from ui.i18n import format_date, format_number
from ui.models.vocabulary import format_phone


class NoteDialog(QDialog):
    """A seller's note on the customer: free text, at most 2000 characters."""

    MAX_LENGTH = 2000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Add a note"))
        self.setAccessibleName(self.windowTitle())
        self.resize(560, 360)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(self.tr("Note"))
        self.text.setPlaceholderText(self.tr("What the customer told you, what to remember"))
        layout.addWidget(self.text, 1)
        self.error = kit.label(self, "error", accessible=self.tr("Error"))
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.save = kit.button(self, self.tr("Save the note"), primary=True)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = kit.button(self, self.tr("Cancel"))
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def note(self) -> str:
        return self.text.toPlainText().strip()

    def _check(self) -> None:
        text = self.note()
        if not text:
            self.error.setText(self.tr("Write the note first."))
        elif len(text) > self.MAX_LENGTH:
            self.error.setText(self.tr("A note holds at most %1 characters (this one has %2).")
                               .replace("%1", format_number(self.MAX_LENGTH))
                               .replace("%2", format_number(len(text))))
        else:
            self.accept()
            return
        self.error.show()


class ConsentDialog(QDialog):
    """Record that the customer gives or withdraws a consent, and how they said so."""

    SOURCES = ("store", "phone", "form", "email")

    def __init__(self, channel: str, granted: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentDialog")
        channel_name = self.tr("emails") if channel == "email" else self.tr("text messages")
        if granted:
            title = self.tr("The customer agrees to receive %1").replace("%1", channel_name)
        else:
            title = self.tr("The customer no longer wants %1").replace("%1", channel_name)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        heading = kit.label(self, "subtitle")
        heading.setText(title)
        layout.addWidget(heading)
        form = QFormLayout()
        self.source = QComboBox(self)
        self.source.setAccessibleName(self.tr("How the customer said so"))
        labels = {"store": self.tr("In person, in the store"), "phone": self.tr("On the phone"),
                  "form": self.tr("On a signed form"), "email": self.tr("By email")}
        for key in self.SOURCES:
            self.source.addItem(labels[key], key)
        self.source.setMinimumHeight(44)
        form.addRow(self.tr("How:"), self.source)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        record = kit.button(self, self.tr("Record"), primary=True)
        buttons.addButton(record, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(kit.button(self, self.tr("Cancel")),
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_source(self) -> str:
        return str(self.source.currentData())


class ContactDialog(QDialog):
    """Edit the customer's name and contact details; each field says what is wrong with it."""

    def __init__(self, profile: CustomerProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("Edit contact details"))
        self.setAccessibleName(self.windowTitle())
        self.resize(560, 520)
        self.profile = profile
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        values = {"first_name": profile.first_name, "last_name": profile.last_name,
                  "email": profile.email or "", "phone": format_phone(profile.phone),
                  "birth_date": format_date(profile.birth_date) if profile.birth_date else ""}
        for row, name in enumerate(CONTACT_FIELDS):
            label = QLabel(field_label(name), self)
            edit = QLineEdit(values[name], self)
            edit.setAccessibleName(field_label(name))
            edit.setMinimumHeight(44)
            if name == "birth_date":
                edit.setPlaceholderText(parse_hint())
            label.setBuddy(edit)
            error = kit.label(self, "error", accessible=self.tr("%1: error").replace(
                "%1", field_label(name)))
            error.hide()
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(edit, row * 2, 1)
            grid.addWidget(error, row * 2 + 1, 1)
            self.fields[name] = edit
            self.errors[name] = error
        layout.addLayout(grid)
        layout.addStretch(1)
        buttons = QDialogButtonBox(self)
        self.save = kit.button(self, self.tr("Save"), primary=True)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(kit.button(self, self.tr("Cancel")),
                          QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._changes: dict[str, Any] = {}

    def changes(self) -> dict[str, Any]:
        return dict(self._changes)

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            text = errors.get(name)
            label.setVisible(bool(text))
            label.setText(text or "")
            self.fields[name].setProperty("invalid", bool(text))
            kit.restyle(self.fields[name])

    def _check(self) -> None:
        changes, errors = validate_contact(
            {name: edit.text() for name, edit in self.fields.items()}, self.profile)
        self.show_errors(contact_error_texts(errors))
        if errors:
            return
        if not changes:
            self.reject()
            return
        self._changes = changes
        self.accept()
