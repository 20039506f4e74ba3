"""The navigation rail: which sections exist, in which order, for whom, and the rail widget.

A section appears on the rail only when the package of its home screen is part of the app
(the ordering screens and the client book arrive with later work) and the signed-in role may
use it. A section names its home screen package (`module`) and the others it reaches
(`joins`); each exports `SCREENS`, a tuple of `Screen` classes, and may export `SCAN_ROUTES`
(what it opens for a scanned code, see `ui.scanner.router`). The home package's first screen
is the section's home; the others are reached from it (the customer 360 from Clients).
Screen packages never import each other.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from ui import icons
from ui.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Section:
    """One entry of the rail."""

    section_id: str
    label: str  # untranslated source text (context "Rail")
    icon: str
    module: str  # the screen package of the section's home screen
    roles: frozenset[str] | None = None  # None: every role
    joins: tuple[str, ...] = ()  # other screen packages reached from the home

    @property
    def modules(self) -> tuple[str, ...]:
        """Every screen package of the section, the home's first."""
        return (self.module, *self.joins)

    def translated_label(self) -> str:
        return QCoreApplication.translate("Rail", self.label)

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def allowed_for(self, role: str | None) -> bool:
        return self.roles is None or (role is not None and role in self.roles)


SECTIONS: tuple[Section, ...] = (
    Section("clients", QT_TRANSLATE_NOOP("Rail", "Clients"), "clients", "ui.lookup",
            joins=("ui.customers",)),
    Section("products", QT_TRANSLATE_NOOP("Rail", "Products"), "products", "ui.products"),
    Section("cart", QT_TRANSLATE_NOOP("Rail", "Cart"), "cart", "ui.cart"),
    Section("pickups", QT_TRANSLATE_NOOP("Rail", "Pickups"), "pickups", "ui.pickups"),
    Section("tasks", QT_TRANSLATE_NOOP("Rail", "Tasks"), "tasks", "ui.tasks"),
    Section("client_book", QT_TRANSLATE_NOOP("Rail", "Client book"), "client_book",
            "ui.client_book", roles=frozenset({"manager", "admin"}), joins=("ui.kpis",)),
    Section("devices", QT_TRANSLATE_NOOP("Rail", "Devices"), "devices", "ui.devices",
            roles=frozenset({"manager", "admin"})),
    Section("sync", QT_TRANSLATE_NOOP("Rail", "Sync"), "sync", "ui.sync"),
)


def sections_for(role: str | None) -> list[Section]:
    """The sections the rail shows for this role, in rail order."""
    return [s for s in SECTIONS if s.available() and s.allowed_for(role)]


class Rail(QFrame):
    """A column of icon-and-label buttons; exactly one is checked: the current section."""

    section_chosen = Signal(str)

    def __init__(self, sections: Iterable[Section], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rail")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 10, 6, 10)
        layout.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QToolButton] = {}
        for section in sections:
            button = QToolButton(self)
            button.setObjectName("railButton")
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIcon(icons.icon(section.icon, icons.MUTED, icons.ACCENT))
            button.setIconSize(QSize(26, 26))
            button.setText(section.translated_label())
            button.setAccessibleName(section.translated_label())
            button.setMinimumSize(QSize(84, 64))
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, sid=section.section_id:
                                   self.section_chosen.emit(sid))
            self._group.addButton(button)
            self._buttons[section.section_id] = button
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def button(self, section_id: str) -> QToolButton | None:
        return self._buttons.get(section_id)

    def set_current(self, section_id: str | None) -> None:
        """Check the button of `section_id` (none when the screen belongs to no section)."""
        button = self._buttons.get(section_id or "")
        if button is None:
            self._group.setExclusive(False)
            for b in self._buttons.values():
                b.setChecked(False)
            self._group.setExclusive(True)
        else:
            button.setChecked(True)

    def set_badge(self, section_id: str, count: int) -> None:
        """A count next to a section's label (things waiting to be sent on Sync)."""
        button = self._buttons.get(section_id)
        if button is None:
            return
        section = next(s for s in SECTIONS if s.section_id == section_id)
        label = section.translated_label()
        button.setText(f"{label} · {count}" if count else label)
