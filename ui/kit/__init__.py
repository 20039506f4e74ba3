"""The widget kit shared by screens (no screen, no device: widgets only)."""

from ui.kit.widgets import (
    PENDING_COLOR,
    ScreenHead,
    ask,
    button,
    card,
    chip,
    label,
    mark_pending,
    restyle,
    screen_head,
    see_through,
    size_columns,
)

__all__ = ["PENDING_COLOR", "ScreenHead", "ask", "button", "card", "chip", "label", "mark_pending",
           "restyle", "screen_head", "see_through", "size_columns"]
