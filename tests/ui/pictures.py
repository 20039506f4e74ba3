"""Pictures of codes for the app's tests: QR PNGs made by the core, and a damaged one."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from clienteling.codes.qr import qr_png


def damaged_png(payload: str) -> bytes:
    """A QR PNG whose middle 30 % is blacked out: finders visible, content unrecoverable."""
    image = Image.open(io.BytesIO(qr_png(payload, module_pixels=8))).convert("L")
    side = image.width
    half = int(side * 0.15)
    ImageDraw.Draw(image).rectangle(
        [side // 2 - half, side // 2 - half, side // 2 + half, side // 2 + half], fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
