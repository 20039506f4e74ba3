"""Enrolling a new customer: a short form, a sentence under each field that is wrong.

The enrolment goes through the device services' outbox like every write: the customer exists on this
device at once (their 360 opens), and the server issues the loyalty card when it receives it.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import icons, messages, workers
from ui.customers.contact import (
    contact_error_texts,
    parse_hint,
    server_field_errors,
    validate_contact,
)
from ui.screen import Screen, Shell

FIELDS = ("first_name", "last_name", "email", "phone", "birth_date")


class EnrolScreen(Screen):
    """First and last name (required), email, phone, birth date, and the two consents."""

    screen_id = "enrol"

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._task: workers.Task | None = None
        self.setMinimumSize(360, 400)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 16)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setObjectName("enrolScroll")
        scroll.setStyleSheet("QScrollArea#enrolScroll { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        outer.addWidget(scroll, 1)
        body = QWidget()
        body.setObjectName("enrolBody")
        body.setStyleSheet("QWidget#enrolBody { background: transparent; }")
        scroll.setWidget(body)
        column = QVBoxLayout(body)
        column.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

        card = QFrame(body)
        card.setProperty("card", True)
        card.setMaximumWidth(720)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        title = QLabel(self.tr("New customer"), card)
        title.setProperty("role", "title")
        layout.addWidget(title)
        intro = QLabel(self.tr("The loyalty card number is issued by the server when the "
                               "enrolment is sent."), card)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        labels = {"first_name": self.tr("First name"), "last_name": self.tr("Last name"),
                  "email": self.tr("Email"), "phone": self.tr("Phone"),
                  "birth_date": self.tr("Birth date")}
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for row, name in enumerate(FIELDS):
            required = name in ("first_name", "last_name")
            label = QLabel(labels[name] + (" *" if required else ""), card)
            edit = QLineEdit(card)
            edit.setObjectName(f"enrol_{name}")
            edit.setAccessibleName(labels[name])
            edit.setMinimumHeight(44)
            label.setBuddy(edit)
            error = QLabel(card)
            error.setProperty("role", "error")
            error.setAccessibleName(self.tr("%1: error").replace("%1", labels[name]))
            error.setWordWrap(True)
            error.hide()
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(edit, row * 2, 1)
            grid.addWidget(error, row * 2 + 1, 1)
            self.fields[name] = edit
            self.errors[name] = error
        self.fields["email"].setPlaceholderText("name@example.com")
        self.fields["phone"].setPlaceholderText("06 12 34 56 78")
        self.fields["birth_date"].setPlaceholderText(parse_hint())
        layout.addLayout(grid)

        self.consent_email = QCheckBox(self.tr("Agrees to receive emails"), card)
        self.consent_email.setAccessibleName(self.tr("Agrees to receive emails"))
        self.consent_sms = QCheckBox(self.tr("Agrees to receive text messages"), card)
        self.consent_sms.setAccessibleName(self.tr("Agrees to receive text messages"))
        layout.addWidget(self.consent_email)
        layout.addWidget(self.consent_sms)

        self.problem = QLabel(card)
        self.problem.setProperty("role", "error")
        self.problem.setAccessibleName(self.tr("Enrolment problem"))
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), card)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setMinimumHeight(48)
        self.cancel_button.clicked.connect(self.shell.back)
        buttons.addWidget(self.cancel_button)
        self.submit = QPushButton(icons.icon("check", icons.ON_ACCENT), self.tr("Enrol"), card)
        self.submit.setAccessibleName(self.tr("Enrol the customer"))
        self.submit.setProperty("primary", True)
        self.submit.setMinimumHeight(48)
        self.submit.clicked.connect(self.enrol)
        buttons.addWidget(self.submit)
        layout.addLayout(buttons)
        column.addWidget(card)

        for name in FIELDS:
            self.fields[name].returnPressed.connect(self.enrol)
        order = [*self.fields.values(), self.consent_email, self.consent_sms,
                 self.cancel_button, self.submit]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def title(self) -> str:
        return self.tr("New customer")

    def enter(self, **params: Any) -> None:
        for edit in self.fields.values():
            edit.clear()
        self.consent_email.setChecked(False)
        self.consent_sms.setChecked(False)
        self.show_errors({})
        self.problem.hide()
        self.submit.setEnabled(True)
        for name in ("first_name", "last_name"):
            value = params.get(name)
            if isinstance(value, str):
                self.fields[name].setText(value)
        self.fields["first_name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            text = errors.get(name)
            label.setText(text or "")
            label.setVisible(bool(text))
            edit = self.fields[name]
            edit.setProperty("invalid", bool(text))
            edit.style().unpolish(edit)
            edit.style().polish(edit)
        first_wrong = next((self.fields[n] for n in FIELDS if n in errors), None)
        if first_wrong is not None:
            first_wrong.setFocus(Qt.FocusReason.OtherFocusReason)

    def enrol(self) -> workers.Task | None:
        if self._task is not None:
            return None
        values, errors = validate_contact(
            {name: edit.text() for name, edit in self.fields.items()}, None)
        self.show_errors(contact_error_texts(errors))
        self.problem.hide()
        if errors:
            return None
        self.submit.setEnabled(False)
        device = self.device
        consent_email = self.consent_email.isChecked()
        consent_sms = self.consent_sms.isChecked()
        self._task = workers.run(
            lambda: device.customers.enrol_customer(consent_email=consent_email,
                                                    consent_sms=consent_sms,
                                          **values),
            owner=self, name="enrol customer", on_result=self._enrolled,
            on_error=self._refused)
        return self._task

    def _enrolled(self, entry: Any) -> None:
        self._task = None
        self.submit.setEnabled(True)
        self.shell.notify(self.tr("Customer enrolled: waiting to be sent."))
        # The form is done with: going back leaves the lookup, not an empty form.
        self.shell.back()
        self.shell.show_screen("customer", customer_id=entry.customer_id)

    def _refused(self, error: BaseException) -> None:
        self._task = None
        self.submit.setEnabled(True)
        fields = server_field_errors(error)
        if fields:
            self.show_errors(fields)
            unknown = {k: v for k, v in fields.items() if k not in self.fields}
            if not unknown:
                return
        self.problem.setText(messages.for_error(error))
        self.problem.show()
