"""The widgets every screen builds with: cards, labels, touch-sized buttons, chips, the
"waiting to be sent" mark and column sizing from samples."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui import icons

# The colour of a value waiting to be sent (the style sheet's warning text).
PENDING_COLOR = "#8a5a00"


def restyle(widget: QWidget) -> None:
    """Apply the style sheet again after a dynamic property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def card(parent: QWidget, name: str) -> tuple[QFrame, QVBoxLayout]:
    """A white card on the page's grey (the style sheet's `card` property) and its column."""
    frame = QFrame(parent)
    frame.setObjectName(name)
    frame.setProperty("card", True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 14, 16, 14)
    layout.setSpacing(6)
    return frame, layout


def label(parent: QWidget, role: str | None = None, name: str | None = None,
          accessible: str | None = None) -> QLabel:
    widget = QLabel(parent)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    if accessible:
        widget.setAccessibleName(accessible)
    widget.setWordWrap(True)
    return widget


def button(parent: QWidget, text: str, icon: str | None = None, *,
           primary: bool = False, flat: bool = False) -> QPushButton:
    widget = QPushButton(text, parent)
    if icon:
        widget.setIcon(icons.icon(icon, icons.ON_ACCENT if primary else icons.ACCENT))
    widget.setAccessibleName(text)
    widget.setMinimumHeight(44)
    if primary:
        widget.setProperty("primary", True)
    if flat:
        widget.setProperty("flat", True)
    return widget


def size_columns(view: QAbstractItemView, header: QHeaderView, *, stretch: int,
                 samples: dict[int, Sequence[str]]) -> None:
    """Columns as wide as the widest text they can hold (measured once, from samples in the
    seller's language), but `stretch`, which takes the rest and elides. Measuring the real
    rows instead (ResizeToContents) asks the model for every cell on every refresh."""
    view.ensurePolished()
    metrics = view.fontMetrics()
    # Titles are drawn in the style sheet's header weight (600): measured in it, or a long
    # title ("Dans ce magasin") is clipped.
    bold = QFont(view.font())
    bold.setWeight(QFont.Weight.DemiBold)
    title_metrics = QFontMetrics(bold)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, texts in samples.items():
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        widest = max(title_metrics.horizontalAdvance(title),
                     *(metrics.horizontalAdvance(t) for t in texts))
        # Cell padding from the style sheet; a tree's first column also holds the branch.
        padding = 24 + (view.indentation() + 12 if isinstance(view, QTreeView) and column == 0
                        else 0)
        header.resizeSection(column, widest + padding)


def ask(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, *, name: str,
        yes: str, no: str, on_answer: Callable[[bool], object],
        yes_role: QMessageBox.ButtonRole = QMessageBox.ButtonRole.AcceptRole,
        yes_accessible: str | None = None) -> QMessageBox:
    """A window-modal question answered without blocking the app: `on_answer(True)` when the
    person chose `yes`, False when `no` or Escape (the default: a stray Enter does nothing).
    44 px buttons; the texts come translated by the caller. Keep the box it returns (tests
    and the caller find it there)."""
    box = QMessageBox(icon, title, text, parent=parent)
    box.setObjectName(name)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    yes_button = box.addButton(yes, yes_role)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    yes_button.setAccessibleName(yes_accessible or yes)
    no_button.setAccessibleName(no)
    for choice in (yes_button, no_button):
        choice.setMinimumHeight(44)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)

    def decided(_result: int) -> None:
        chosen = box.clickedButton()
        box.deleteLater()
        on_answer(chosen is yes_button)

    box.finished.connect(decided)
    box.open()
    return box


@dataclass(frozen=True)
class ScreenHead:
    outer: QVBoxLayout  # the screen's column: add what comes under the top row
    top: QHBoxLayout  # the top row: add the screen's own buttons after the heading
    heading: QLabel
    back_button: QPushButton | None


def screen_head(screen: QWidget, *, back: Callable[[], object] | None = None,
                back_name: str | None = None, spacing: int = 10) -> ScreenHead:
    """A screen's column with the house margins and its top row: a flat Back button when
    `back` is given (object name `back_name`), then the heading. The texts are the screen's
    to set (and to set again when the language changes)."""
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(24, 16, 24, 16)
    outer.setSpacing(spacing)
    top = QHBoxLayout()
    back_button = None
    if back is not None:
        back_button = button(screen, "", "back", flat=True)
        if back_name:
            back_button.setObjectName(back_name)
        back_button.clicked.connect(back)
        top.addWidget(back_button)
    heading = QLabel(screen)
    heading.setProperty("role", "title")
    top.addWidget(heading, 1)
    outer.addLayout(top)
    return ScreenHead(outer, top, heading, back_button)


def see_through(scroll: QScrollArea) -> None:
    """The page's grey shows through `scroll` and the page it holds, the cards floating on it
    as elsewhere: QScrollArea otherwise paints its viewport and its widget in the palette's
    lighter grey (blocks between and under the cards). Call after `setWidget`."""
    scroll.setObjectName(scroll.objectName() or "pageScroll")
    scroll.setStyleSheet(f"QScrollArea#{scroll.objectName()} {{ background: transparent; }}")
    scroll.viewport().setAutoFillBackground(False)
    page = scroll.widget()
    if page is not None:
        page.setAutoFillBackground(False)


def mark_pending(label: QLabel, pending: bool) -> None:
    """Waiting-to-be-sent colour on a value; restyled only when it changes (restyling is the
    expensive part of painting a customer)."""
    if bool(label.property("pending")) == pending:
        return
    label.setProperty("pending", pending)
    label.setStyleSheet(f"color: {PENDING_COLOR};" if pending else "")


def chip(parent: QWidget, text: str) -> QLabel:
    """A small rounded tag (the loyalty tier)."""
    widget = QLabel(text, parent)
    widget.setObjectName("chip")
    widget.setStyleSheet("QLabel#chip { background: #e6f2f1; color: #0b6e69; border-radius: 12px;"
                         " padding: 3px 10px; font-weight: 600; }")
    return widget
