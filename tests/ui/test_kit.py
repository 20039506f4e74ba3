"""The kit's widgets keep the 44 px touch target under the app's style sheet."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui import kit


@pytest.mark.parametrize("options", [{}, {"flat": True}, {"primary": True}])
def test_every_kit_button_is_a_44_px_touch_target(qtbot, options):
    # The style sheet's min-height wins over setMinimumHeight once polished: a flat button
    # without a border came out 42 px high ("Empty the cart", "Back", "Cancel").
    window = QWidget()
    qtbot.addWidget(window)
    button = kit.button(window, "Empty the cart", "trash", **options)
    QVBoxLayout(window).addWidget(button)
    window.show()
    qtbot.waitExposed(window)
    assert button.height() >= 44


def test_a_see_through_scroll_area_shows_the_page_grey_and_keeps_its_cards_white(qtbot):
    from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget

    stack = QStackedWidget()
    stack.setObjectName("screens")  # the window's screens: the page grey (#f4f6f7)
    qtbot.addWidget(stack)
    screen = QWidget()
    stack.addWidget(screen)
    scroll = QScrollArea(screen)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    page = QWidget()
    column = QVBoxLayout(page)
    panel, panel_column = kit.card(page, "panel")
    panel_column.addWidget(QLabel("card", panel))
    column.addWidget(panel)
    column.addStretch(1)
    scroll.setWidget(page)
    kit.see_through(scroll)
    QVBoxLayout(screen).addWidget(scroll)
    stack.resize(300, 240)
    stack.show()
    qtbot.waitExposed(stack)
    image = stack.grab().toImage()
    assert image.pixelColor(150, 225).name() == "#f4f6f7"  # under the card: the page's grey
    assert image.pixelColor(150, panel.geometry().center().y() + 12).name() == "#ffffff"
