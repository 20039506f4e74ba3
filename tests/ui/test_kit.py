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
