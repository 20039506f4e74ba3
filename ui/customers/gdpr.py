"""GDPR from the 360, for a manager of the customer's store (or an admin): "Export data" saves
everything the chain holds on the customer as the JSON document and a readable HTML page (the
folder chosen in a file dialog, the user's documents folder by default; fetched and written in a
worker), and "Erase customer" erases them after a confirmation, or says why it cannot yet (an
open order: the request is recorded and carried out when it closes). The server records both in
the audit log. Online only: offline, the buttons say so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ui import icons, messages, workers

if TYPE_CHECKING:
    from clienteling.device import Device
    from ui.screen import Screen

# lupdate reads `translate("Context", "text")` calls.
translate = QCoreApplication.translate

MANAGERS = ("manager", "admin")


def export_files(folder: Path, customer_id: str) -> tuple[Path, Path]:
    """Where an export of `customer_id` goes in `folder`: the JSON document and its page."""
    stem = "personal-data-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in customer_id)
    return folder / f"{stem}.json", folder / f"{stem}.html"


def write_export(device: Device, customer_id: str, folder: Path) -> tuple[Path, Path]:
    """In a worker: ask the server for the export (audited there) and write both files."""
    export = device.privacy.gdpr_export(customer_id)
    folder.mkdir(parents=True, exist_ok=True)
    document, page = export_files(folder, customer_id)
    document.write_text(json.dumps(export.document, ensure_ascii=False, indent=2), encoding="utf-8")
    page.write_text(export.html, encoding="utf-8")
    return document, page


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


class GdprActions(QWidget):
    """The 360's two privacy buttons; shown to managers and admins for a customer they work."""

    exported = Signal(object)  # (json path, html path)
    erased = Signal(object)  # the server's ErasureAnswer

    def __init__(self, screen: Screen) -> None:
        super().__init__(screen)
        self.view = screen  # the 360 (not `screen`: QWidget.screen() is the display)
        self.setObjectName("gdprActions")
        self.customer_id: str | None = None
        self.name = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # One button with a menu: the 360's top bar must fit a portrait tablet.
        self.label = translate("Gdpr", "Personal data")
        self.button = QPushButton(self.label, self)
        self.button.setObjectName("gdprButton")
        self.button.setAccessibleName(translate("Gdpr", "Personal data (GDPR)"))
        self.button.setToolTip(translate("Gdpr", "Export or erase the customer's personal data"))
        self.button.setMinimumHeight(44)
        self.button.setIcon(icons.icon("lock", icons.ACCENT))
        menu = QMenu(self.button)
        menu.setObjectName("gdprMenu")
        self.export_action = menu.addAction(
            icons.icon("download", icons.ACCENT), translate("Gdpr", "Export data…")
        )
        self.export_action.triggered.connect(self.choose_folder)
        self.erase_action = menu.addAction(
            icons.icon("trash", icons.ACCENT), translate("Gdpr", "Erase customer…")
        )
        self.erase_action.triggered.connect(self.confirm_erase)
        self.button.setMenu(menu)
        layout.addWidget(self.button)
        self.file_dialog: QFileDialog | None = None
        self.confirm_box: QMessageBox | None = None
        screen.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Narrow (a portrait tablet): the button shows its icon only."""
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self.button.setText(self.label if self.view.width() >= 1000 else "")
        return False

    def set_customer(self, data: Any) -> None:
        """The 360 shows `data`: offer the rights to a manager who works this customer."""
        user = getattr(self.view.shell, "user", None)
        role = getattr(user, "role", None)
        profile = data.profile
        self.customer_id = profile.customer_id
        self.name = f"{profile.first_name or ''} {profile.last_name or ''}".strip()
        self.setVisible(role in MANAGERS and bool(data.writable))

    # -- export ------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        dialog = QFileDialog(
            self, translate("Gdpr", "Where to save the customer's data"), str(documents_folder())
        )
        dialog.setObjectName("gdprFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        self.file_dialog = dialog
        dialog.open()

    def export_to(self, folder: Path) -> None:
        if self.customer_id is None:
            return
        self.export_action.setEnabled(False)
        self.view.shell.notify(translate("Gdpr", "Exporting the customer's data…"))
        workers.run(
            write_export,
            self.view.device,
            self.customer_id,
            folder,
            owner=self,
            on_result=self._exported,
            on_error=self._failed,
            name="gdpr.export",
        )

    def _exported(self, paths: tuple[Path, Path]) -> None:
        self.export_action.setEnabled(True)
        self.view.shell.notify(
            translate("Gdpr", "Saved the customer's data: %1 and %2 (readable page).")
            .replace("%1", str(paths[0]))
            .replace("%2", paths[1].name)
        )
        self.exported.emit(paths)

    def _failed(self, error: BaseException) -> None:
        self.export_action.setEnabled(True)
        self.erase_action.setEnabled(True)
        if isinstance(error, OSError):
            words = translate("Gdpr", "The files could not be written: %1").replace(
                "%1", str(error)
            )
        else:
            words = messages.online_only(error)
        self.view.shell.notify(words, "error")

    # -- erasure -----------------------------------------------------------------------------
    def confirm_erase(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("Gdpr", "Erase this customer?"),
            translate(
                "Gdpr",
                "%1's personal data will be erased from the server and from "
                "every device: name, contact details, notes, wishlist and "
                "timeline. Their orders are kept for the accounts, without "
                "them. This cannot be undone.",
            ).replace("%1", self.name),
            parent=self,
        )
        box.setObjectName("confirmErase")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        erase = box.addButton(translate("Gdpr", "Erase"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(translate("Gdpr", "Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(QMessageBox.StandardButton.NoButton)
        box.buttonClicked.connect(lambda button: self.erase() if button is erase else None)
        self.confirm_box = box
        box.open()

    def erase(self) -> None:
        if self.customer_id is None:
            return
        self.erase_action.setEnabled(False)
        workers.run(
            self.view.device.privacy.gdpr_erase,
            self.customer_id,
            owner=self,
            on_result=self._erased,
            on_error=self._failed,
            name="gdpr.erase",
        )

    def _erased(self, answer: Any) -> None:
        self.erase_action.setEnabled(True)
        self.erased.emit(answer)
        if answer.done:
            self.view.shell.notify(
                translate(
                    "Gdpr", "%1 was erased. Every device forgets them at its next sync."
                ).replace("%1", self.name)
            )
            self.view.shell.back()
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            translate("Gdpr", "Erasure recorded, not done yet"),
            translate(
                "Gdpr",
                "The law requires keeping %1 while they have an open order (%2). "
                "The request is recorded: the customer is erased when the last "
                "one is collected or cancelled.",
            )
            .replace("%1", self.name)
            .replace("%2", ", ".join(answer.open_orders)),
            parent=self,
        )
        box.setObjectName("eraseRefused")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm_box = box
        box.open()
