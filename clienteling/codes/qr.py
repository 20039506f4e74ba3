"""Making QR codes (qrcode) for a loyalty card or a pickup slip: PNG, SVG, or the bare matrix."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

from clienteling.codes.parse import CARD_URI, MAX_CODE_LENGTH, pickup_payload
from clienteling.domain.cards import normalize_card
from clienteling.domain.errors import DomainError

# The quiet zone the QR specification asks for: scanners need it to find the code.
QUIET_ZONE = 4


def card_payload(card: str) -> str:
    """What the QR of a loyalty card says: `clienteling:card/<13 digits>` (validated)."""
    return f"{CARD_URI}{normalize_card(card)}"


def pickup_qr_payload(order_number: str, pickup_code: str) -> str:
    """What the QR printed on a click-and-collect confirmation says."""
    return pickup_payload(order_number, pickup_code)


def _build(payload: str, image_factory: type | None = None, *,
           mask_pattern: int | None = None) -> qrcode.QRCode:
    if not payload:
        raise DomainError("code.empty", "nothing to encode")
    if len(payload) > MAX_CODE_LENGTH:
        raise DomainError("code.too_long", "code too long", length=len(payload))
    # Level M survives a scratched phone screen or a creased slip (15 % of the code).
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE,
                         image_factory=image_factory, mask_pattern=mask_pattern)
    code.add_data(payload)
    code.make(fit=True)
    return code


# Any of the eight masks makes a valid code; trying them all to keep the best takes two
# thirds of the time. A code shown on a screen among other things may skip that.
QUICK_MASK = 2


def qr_matrix(payload: str, *, quick: bool = False) -> list[list[bool]]:
    """The modules of the QR code, quiet zone included: True is dark. The UI paints it at any
    size without blur (full screen on a tablet, a print). `quick` uses a fixed mask pattern
    instead of the best one (3x faster)."""
    code = _build(payload, mask_pattern=QUICK_MASK if quick else None)
    return [list(row) for row in code.get_matrix()]


def qr_png(payload: str, *, module_pixels: int = 10) -> bytes:
    """A PNG of the QR code, `module_pixels` pixels per module."""
    if not 1 <= module_pixels <= 100:
        raise DomainError("qr.module_size", "module size out of range", size=module_pixels)
    code = _build(payload)
    code.box_size = module_pixels
    out = io.BytesIO()
    code.make_image().save(out, format="PNG")
    return out.getvalue()


def qr_svg(payload: str) -> str:
    """An SVG document of the QR code (one path, scales to any size)."""
    image = _build(payload, qrcode.image.svg.SvgPathImage).make_image()
    return image.to_string(encoding="unicode")
