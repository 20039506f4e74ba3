"""The widget kit shared by screens (no screen, no device: widgets only)."""

from ui.kit.widgets import (
    PENDING_COLOR,
    button,
    card,
    chip,
    label,
    mark_pending,
    restyle,
    see_through,
    size_columns,
)

__all__ = ["PENDING_COLOR", "button", "card", "chip", "label", "mark_pending", "restyle",
           "see_through", "size_columns"]
