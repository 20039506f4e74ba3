"""What the app says after the device wiped itself: revoked by its store, or out of contact with
the server for too long (`clienteling.device_guard`). Shown on the sign-in page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.i18n import format_number

# lupdate reads `translate("Context", "text")` calls.
translate = QCoreApplication.translate


def wipe_text(notice: Any) -> str:
    """The sentence for a `WipeNotice`, in the app's language."""
    if notice.reason == "revoked":
        return translate(
            "DeviceWiped",
            "This device was revoked by your store (reported lost). It erased its "
            "customer data, its unsent work and its sign-in. Nothing of it is left here. "
            "Sign in again to use it.",
        )
    return translate(
        "DeviceWiped",
        "This device had not reached the server for more than %1 days, so it locked "
        "itself and erased its customer data and its sign-in. Sign in again to use it.",
    ).replace("%1", format_number(notice.days or 0))
