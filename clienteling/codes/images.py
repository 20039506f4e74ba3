"""Decoding QR codes and barcodes from pictures and camera frames with zxing-cpp (no Qt here).

The UI hands over a file path, the bytes of a picture (clipboard, drag and drop) or the
grayscale plane of a camera frame; it gets back the texts found, for `parse_scan` to route.
A picture in which a code was seen but could not be read is `image.code_damaged`, one with no
code at all `image.no_code`, so the seller knows whether to hold the phone steadier or to
find another picture.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import zxingcpp
from PIL import Image, UnidentifiedImageError

from clienteling.domain.errors import DomainError

# What a shop floor meets: QR codes (customer app, pickup slips), EAN/UPC (products, loyalty
# cards), Code 128 and Data Matrix (labels carrying a SKU). Fewer formats, faster frames.
# A plain tuple: a module-level zxing BarcodeFormats object outlives the binding at exit.
FORMATS = (
    zxingcpp.BarcodeFormat.QRCode,
    zxingcpp.BarcodeFormat.EANUPC,
    zxingcpp.BarcodeFormat.Code128,
    zxingcpp.BarcodeFormat.DataMatrix,
)
MAX_FILE_BYTES = 40 * 1024 * 1024
# A phone photo is ~12-50 Mpx; more than this is not a photo of a code but a trap.
MAX_PIXELS = 80_000_000
# Decoding time grows with the area; codes stay readable well below this size.
MAX_SIDE = 2400


@dataclass(frozen=True)
class DecodedCode:
    """A code read from an image: its text and its symbology (`QRCode`, `EAN13`…)."""

    text: str
    format: str


def _results(image: object, *, fast: bool) -> list[DecodedCode]:
    try:
        found = zxingcpp.read_barcodes(
            image,
            formats=FORMATS,  # type: ignore[arg-type]  # zxing-cpp takes a tuple too
            # A camera frame is decoded many times a second: the cheap pass is enough, the
            # next frame is another chance. A picture is decoded once: try hard.
            try_rotate=not fast,
            try_downscale=True,
            try_invert=not fast,
            return_errors=True,
        )
    except (ValueError, TypeError) as exc:
        raise DomainError("image.unreadable", "this picture cannot be read", reason=str(exc)) \
            from None
    good = [b for b in found if b.valid and b.text]
    if good:
        return [DecodedCode(text=b.text, format=b.format.name) for b in good]
    if any(b.format == zxingcpp.BarcodeFormat.QRCode or b.text for b in found):
        # zxing saw finder patterns and tried: a code is there, damaged or too blurred.
        raise DomainError("image.code_damaged", "a code is there but cannot be read")
    return []


def decode_image(image: Image.Image, *, fast: bool = False) -> list[DecodedCode]:
    """Every code readable in a PIL image; [] when there is none, `image.code_damaged` when
    a code is seen but unreadable."""
    if image.width * image.height > MAX_PIXELS:
        raise DomainError("image.too_large", "picture too large",
                          width=image.width, height=image.height)
    gray = image.convert("L")
    if max(gray.size) > MAX_SIDE:
        gray.thumbnail((MAX_SIDE, MAX_SIDE))
    return _results(gray, fast=fast)


def _open(stream: IO[bytes], name: str) -> Image.Image:
    with warnings.catch_warnings():
        # Pillow warns before it refuses a decompression bomb; refuse at the warning.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(stream)
            if image.width * image.height > MAX_PIXELS:
                raise DomainError("image.too_large", "picture too large", name=name,
                                  width=image.width, height=image.height)
            image.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise DomainError("image.too_large", "picture too large", name=name) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise DomainError("image.unreadable", "this file is not a picture we can read",
                              name=name, reason=str(exc)[:200]) from None
    return image


def decode_image_bytes(data: bytes, *, name: str = "") -> list[DecodedCode]:
    """Every code in an encoded picture (PNG, JPEG, GIF, BMP, WebP…) given as bytes."""
    if not data:
        raise DomainError("image.unreadable", "empty picture", name=name, reason="empty")
    if len(data) > MAX_FILE_BYTES:
        raise DomainError("image.too_large", "picture too large", name=name)
    return decode_image(_open(io.BytesIO(data), name))


def decode_image_file(path: str | os.PathLike[str]) -> list[DecodedCode]:
    """Every code in the picture stored at `path`; `image.unreadable` when it is not one."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DomainError("image.too_large", "picture too large", name=file.name)
        with file.open("rb") as stream:
            return decode_image(_open(stream, file.name))
    except OSError as exc:
        raise DomainError("image.unreadable", "this file cannot be opened", name=file.name,
                          reason=exc.strerror or str(exc)) from None


def decode_gray_frame(
    plane: bytes | bytearray | memoryview, width: int, height: int, stride: int | None = None
) -> list[DecodedCode]:
    """Every code in one camera frame given as its 8-bit luminance plane.

    `stride` is the number of bytes from one row to the next (camera buffers pad rows); the
    plane must hold at least `stride * (height - 1) + width` bytes. A damaged code in a frame
    is not an error here: the next frame will do, so it returns [].
    """
    row = width if stride is None else stride
    if width <= 0 or height <= 0 or row < width or len(plane) < row * (height - 1) + width:
        raise DomainError("image.frame_shape", "camera frame does not match its size",
                          width=width, height=height, stride=row, size=len(plane))
    # The view points into `plane`; keep `plane` referenced (it is, as an argument) while
    # zxing reads it.
    view = zxingcpp.ImageView(plane, width, height, zxingcpp.ImageFormat.Lum, row, 1)
    try:
        return _results(view, fast=True)
    except DomainError as exc:
        if exc.code == "image.code_damaged":
            return []
        raise


def first_code(codes: list[DecodedCode]) -> str:
    """The text of the code to act on: a QR code first (the customer's phone), else the first
    one read; `image.no_code` when the picture has none."""
    if not codes:
        raise DomainError("image.no_code", "no code in this picture")
    for code in codes:
        if code.format == "QRCode":
            return code.text
    return codes[0].text
