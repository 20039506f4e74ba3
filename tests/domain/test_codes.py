"""Codes and the domain rules under them: cards, GTINs, scans, QR images, folding, phones."""

from __future__ import annotations

import io
import string

import pytest
import zxingcpp
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from clienteling.codes import CardCode, PickupCode, ProductCode, parse_customer_code, parse_scan
from clienteling.codes.images import (
    DecodedCode,
    decode_gray_frame,
    decode_image,
    decode_image_bytes,
    decode_image_file,
    first_code,
)
from clienteling.codes.parse import MAX_CODE_LENGTH, parse_pickup_code
from clienteling.codes.qr import card_payload, pickup_qr_payload, qr_matrix, qr_png, qr_svg
from clienteling.domain.cards import card_from_serial, looks_like_card, normalize_card
from clienteling.domain.errors import DomainError
from clienteling.domain.gtin import check_digit, is_valid_gtin, validate_gtin, with_check_digit
from clienteling.domain.phones import looks_like_phone, to_e164
from clienteling.domain.text import fold, fold_tokens

CARD = card_from_serial(1)  # 2900000000018
serials = st.integers(min_value=0, max_value=10**10 - 1)


def wrong_digit(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 1) % 10)


def code_of(error: pytest.ExceptionInfo[DomainError]) -> str:
    return error.value.code


# --- GTIN -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["4006381333931", "96385074", "036000291452", "5901234123457"])
def test_known_gtins_are_valid(code: str) -> None:
    assert is_valid_gtin(code)
    assert validate_gtin(code) == code


@given(st.text(alphabet=string.digits, min_size=7, max_size=12).filter(
    lambda s: len(s) + 1 in (8, 12, 13)))
def test_a_computed_check_digit_validates_and_any_other_does_not(body: str) -> None:
    full = with_check_digit(body)
    assert is_valid_gtin(full)
    for digit in "0123456789":
        if digit != full[-1]:
            assert not is_valid_gtin(body + digit)


@given(st.text(alphabet=string.digits, min_size=12, max_size=12), st.integers(0, 11),
       st.integers(1, 9))
def test_a_single_mistyped_digit_is_always_caught(body: str, position: int, delta: int) -> None:
    full = with_check_digit(body)
    typo = full[:position] + str((int(full[position]) + delta) % 10) + full[position + 1:]
    assert not is_valid_gtin(typo)


@pytest.mark.parametrize(("code", "error"), [
    ("400638133393", "ean.check_digit"),  # 12 digits: read as a UPC-A, whose digit is wrong
    ("4006381333932", "ean.check_digit"),
    ("40063813339", "ean.format"),
    ("4006381333g31", "ean.format"),
    ("٤٠٠٦٣٨١٣٣٣٩٣١", "ean.format"),  # Arabic-Indic digits are digits, not ASCII
])
def test_malformed_gtins_say_why(code: str, error: str) -> None:
    with pytest.raises(DomainError) as caught:
        validate_gtin(code)
    assert code_of(caught) == error


def test_check_digit_of_a_known_body() -> None:
    assert check_digit("400638133393") == 1


# --- loyalty cards ----------------------------------------------------------------------


@given(serials)
def test_every_issued_card_is_recognised_and_normalises_to_itself(serial: int) -> None:
    card = card_from_serial(serial)
    assert len(card) == 13 and card.startswith("29")
    assert looks_like_card(card)
    assert normalize_card(card) == card
    spaced = f"{card[:4]} {card[4:8]}-{card[8:]}"
    assert normalize_card(spaced) == card


@given(serials)
def test_a_card_with_a_wrong_check_digit_is_a_check_digit_error(serial: int) -> None:
    with pytest.raises(DomainError) as caught:
        normalize_card(wrong_digit(card_from_serial(serial)))
    assert code_of(caught) == "card.check_digit"


@pytest.mark.parametrize(("text", "error"), [
    ("290000000001", "card.format"),
    ("29000000000188", "card.format"),
    ("2900000000O18", "card.format"),
    ("4006381333931", "card.prefix"),
    ("", "card.format"),
])
def test_malformed_cards_say_why(text: str, error: str) -> None:
    with pytest.raises(DomainError) as caught:
        normalize_card(text)
    assert code_of(caught) == error


@pytest.mark.parametrize("serial", [-1, 10**10])
def test_card_serials_out_of_range_are_refused(serial: int) -> None:
    with pytest.raises(DomainError) as caught:
        card_from_serial(serial)
    assert code_of(caught) == "card.serial_range"


# --- parsing scans ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    CARD,
    f"  {CARD}\r",
    f"\x1d{CARD}",
    "2900-0000-0001-8",
    f"clienteling:card/{CARD}",
    f"CLIENTELING:CARD/{CARD}",
    f"https://app.example.com/c/{CARD}",
    f"https://app.example.com/c/{CARD}/",
    f"https://app.example.com/c/{CARD}?utm=1",
])
def test_every_customer_code_form_is_a_card(text: str) -> None:
    assert parse_scan(text) == CardCode(CARD)
    assert parse_customer_code(text) == CARD


@pytest.mark.parametrize("text", [
    wrong_digit(CARD),
    f"clienteling:card/{wrong_digit(CARD)}",
    f"https://app.example.com/c/{wrong_digit(CARD)}",
])
def test_a_card_scan_with_a_wrong_check_digit_says_so(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_scan(text)
    assert code_of(caught) == "card.check_digit"


@pytest.mark.parametrize(("text", "expected"), [
    ("4006381333931", ProductCode(ean="4006381333931")),
    ("96385074", ProductCode(ean="96385074")),
    ("036000291452", ProductCode(ean="036000291452")),
    ("SKU-12.3/A", ProductCode(sku="SKU-12.3/A")),
])
def test_product_codes(text: str, expected: ProductCode) -> None:
    parsed = parse_scan(text)
    assert parsed == expected
    assert isinstance(parsed, ProductCode) and parsed.code == text


def test_a_product_ean_with_a_wrong_check_digit_is_not_taken_for_a_sku() -> None:
    with pytest.raises(DomainError) as caught:
        parse_scan("4006381333932")
    assert code_of(caught) == "ean.check_digit"


def test_pickup_codes_round_trip() -> None:
    payload = pickup_qr_payload("CC-2024-000123", "A7K9Q2")
    parsed = parse_scan(payload)
    assert parsed == PickupCode("CC-2024-000123", "A7K9Q2")
    assert isinstance(parsed, PickupCode) and parsed.payload == payload


@pytest.mark.parametrize("text", [
    "clienteling:pickup/CC-1",
    "clienteling:pickup/CC-1/secret/extra",
    "clienteling:pickup//A7K9Q2",
    "clienteling:pickup/CC-1/sé cret",
])
def test_damaged_pickup_codes(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_pickup_code(text)
    assert code_of(caught) == "pickup.format"


@pytest.mark.parametrize(("text", "error"), [
    ("", "code.empty"),
    ("   \r\n", "code.empty"),
    ("x" * (MAX_CODE_LENGTH + 1), "code.too_long"),
    ("hello world!", "code.unknown"),
    ("https:///", "code.unknown"),
    ("ftp://example.com/2900000000018", "code.unknown"),
])
def test_garbage_is_a_clear_error(text: str, error: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_scan(text)
    assert code_of(caught) == error


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_any_text_parses_or_raises_a_domain_error(text: str) -> None:
    try:
        parsed = parse_scan(text)
    except DomainError as exc:
        assert exc.code.split(".")[0] in {"code", "card", "ean", "pickup"}
    else:
        assert isinstance(parsed, CardCode | ProductCode | PickupCode)


# --- making and reading QR codes --------------------------------------------------------


def png_image(payload: str, module_pixels: int = 6) -> Image.Image:
    return Image.open(io.BytesIO(qr_png(payload, module_pixels=module_pixels)))


@pytest.mark.parametrize("payload", [
    card_payload(CARD),
    f"https://app.example.com/c/{CARD}",
    pickup_qr_payload("CC-2024-000123", "A7K9Q2"),
    "Lefèvre · commande 42",
])
def test_a_generated_qr_png_decodes_to_its_payload(payload: str) -> None:
    codes = decode_image_bytes(qr_png(payload), name="qr.png")
    assert codes == [DecodedCode(text=payload, format="QRCode")]
    assert first_code(codes) == payload


def test_card_qr_goes_through_the_scan_parser() -> None:
    text = first_code(decode_image(png_image(card_payload(CARD))))
    assert parse_scan(text) == CardCode(CARD)


def test_card_payload_refuses_a_bad_card() -> None:
    with pytest.raises(DomainError) as caught:
        card_payload(wrong_digit(CARD))
    assert code_of(caught) == "card.check_digit"


def test_qr_matrix_has_the_quiet_zone_and_a_finder_pattern() -> None:
    matrix = qr_matrix(card_payload(CARD))
    side = len(matrix)
    assert all(len(row) == side for row in matrix)
    assert not any(matrix[0]) and not any(row[0] for row in matrix)
    # The top-left finder pattern starts right after the 4-module quiet zone: a dark 7×7
    # ring, a light ring inside it, a dark 3×3 centre.
    assert all(matrix[4][4:11]) and all(matrix[10][4:11])
    assert matrix[5][4] and not matrix[5][5] and all(matrix[7][6:9])


def test_a_quick_qr_matrix_is_a_readable_code() -> None:
    matrix = qr_matrix(card_payload(CARD), quick=True)
    scale = 6
    image = Image.new("L", (len(matrix) * scale, len(matrix) * scale), 255)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle([x * scale, y * scale, x * scale + scale - 1,
                                y * scale + scale - 1], fill=0)
    assert first_code(decode_image(image)) == card_payload(CARD)


def test_qr_svg_is_an_svg_that_scales() -> None:
    svg = qr_svg(pickup_qr_payload("CC-1-ABC", "A7K9Q2"))
    assert svg.startswith("<svg") and "viewBox" in svg and svg.rstrip().endswith("</svg>")


@pytest.mark.parametrize("payload", ["", "x" * (MAX_CODE_LENGTH + 1)])
def test_qr_refuses_empty_and_oversized_payloads(payload: str) -> None:
    with pytest.raises(DomainError):
        qr_png(payload)


def test_a_qr_in_a_bigger_photo_is_found(tmp_path) -> None:
    photo = Image.new("RGB", (1600, 1200), (180, 170, 150))
    photo.paste(png_image(card_payload(CARD), 5).convert("RGB"), (700, 400))
    path = tmp_path / "photo.jpg"
    photo.save(path, format="JPEG", quality=85)
    assert first_code(decode_image_file(path)) == card_payload(CARD)


def test_an_ean13_card_barcode_is_read() -> None:
    barcode = zxingcpp.write_barcode_to_image(
        zxingcpp.create_barcode(CARD, zxingcpp.BarcodeFormat.EAN13), scale=3)
    image = Image.frombytes("L", (barcode.shape[1], barcode.shape[0]), bytes(memoryview(barcode)))
    assert decode_image(image) == [DecodedCode(text=CARD, format="EAN13")]


def damaged(payload: str) -> Image.Image:
    image = png_image(payload, 8).convert("L")
    side = image.width
    # Black out 30 % of the middle: more than level M can correct, the finders still show.
    half = int(side * 0.15)
    ImageDraw.Draw(image).rectangle(
        [side // 2 - half, side // 2 - half, side // 2 + half, side // 2 + half], fill=0)
    return image


def test_a_damaged_qr_is_reported_as_damaged() -> None:
    with pytest.raises(DomainError) as caught:
        decode_image(damaged(card_payload(CARD)))
    assert code_of(caught) == "image.code_damaged"


def test_a_picture_without_a_code_has_none() -> None:
    image = Image.new("L", (400, 300), 230)
    ImageDraw.Draw(image).ellipse([50, 50, 250, 200], fill=40)
    assert decode_image(image) == []
    with pytest.raises(DomainError) as caught:
        first_code([])
    assert code_of(caught) == "image.no_code"


@pytest.mark.parametrize("data", [b"", b"not a picture at all", b"\x89PNG\r\n\x1a\n" + b"\0" * 40])
def test_bytes_that_are_not_a_picture(data: bytes) -> None:
    with pytest.raises(DomainError) as caught:
        decode_image_bytes(data)
    assert code_of(caught) == "image.unreadable"


def test_a_missing_file_is_unreadable(tmp_path) -> None:
    with pytest.raises(DomainError) as caught:
        decode_image_file(tmp_path / "nope.png")
    assert code_of(caught) == "image.unreadable"
    assert caught.value.params["name"] == "nope.png"


def test_a_decompression_bomb_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, format="PNG")  # 144 Mpx, a few kB compressed
    with pytest.raises(DomainError) as caught:
        decode_image_bytes(out.getvalue())
    assert code_of(caught) == "image.too_large"


def gray_plane(image: Image.Image, padding: int) -> tuple[bytes, int, int, int]:
    gray = image.convert("L")
    width, height = gray.size
    raw = gray.tobytes()
    stride = width + padding
    rows = b"".join(raw[y * width:(y + 1) * width] + b"\x7f" * padding for y in range(height))
    return rows, width, height, stride


@pytest.mark.parametrize("padding", [0, 32])
def test_a_camera_frame_with_padded_rows_decodes(padding: int) -> None:
    frame = Image.new("L", (640, 480), 200)
    frame.paste(png_image(pickup_qr_payload("CC-9-XYZ", "Q2W3E4"), 5), (150, 60))
    plane, width, height, stride = gray_plane(frame, padding)
    assert decode_gray_frame(memoryview(plane), width, height, stride) == [
        DecodedCode(text=pickup_qr_payload("CC-9-XYZ", "Q2W3E4"), format="QRCode")]


def test_a_camera_frame_with_a_damaged_code_is_just_an_empty_frame() -> None:
    plane, width, height, stride = gray_plane(damaged(card_payload(CARD)), 0)
    assert decode_gray_frame(plane, width, height, stride) == []


@pytest.mark.parametrize(("size", "width", "height", "stride"), [
    (100, 20, 10, None), (200, 0, 10, None), (200, 20, 10, 10), (0, 1, 1, None)])
def test_a_frame_that_does_not_match_its_size_is_refused(size, width, height, stride) -> None:
    with pytest.raises(DomainError) as caught:
        decode_gray_frame(bytes(size), width, height, stride)
    assert code_of(caught) == "image.frame_shape"


# --- folding and phones -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "folded"), [
    ("Lefèvre", "lefevre"),
    ("LEFÈVRE", "lefevre"),
    ("Œuvre Straße", "oeuvre strasse"),
    ("  Saint-Éloi  ", "saint eloi"),
    ("Jean.Dupont@Mail.FR", "jean.dupont@mail.fr"),
    ("Ångström", "angstrom"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text(max_size=60))
@example("ǽ")  # decomposes to a ligature and an accent
def test_fold_is_idempotent_and_has_no_accents_or_capitals(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip() and "  " not in folded
    assert folded == folded.casefold()


@given(st.text(alphabet="aeiouAEIOUéèêëÉÈàâçÇôöîïûüÿœŒ -'", max_size=30))
def test_fold_makes_accented_and_plain_spellings_equal(text: str) -> None:
    plain = text.translate(str.maketrans("éèêëÉÈàâçÇôöîïûüÿ", "eeeeEEaacCooiiuuy"))
    assert fold(text) == fold(plain)


def test_fold_tokens_split_names_and_emails() -> None:
    assert fold_tokens("Saint-Éloi jean.dupont@Mail.fr") == [
        "saint", "eloi", "jean", "dupont", "mail", "fr"]


@pytest.mark.parametrize("text", [
    "0612345678", "06 12 34 56 78", "+33612345678", "+33 6 12 34 56 78", "06.12.34.56.78",
    "0033612345678", "(06) 12-34-56-78"])
def test_french_mobile_in_every_common_format(text: str) -> None:
    assert to_e164(text) == "+33612345678"
    assert looks_like_phone(text)


@pytest.mark.parametrize("text", [None, "", "   ", "abc", "123", "1" * 70])
def test_not_a_phone(text: str | None) -> None:
    assert to_e164(text) is None


def test_foreign_numbers_keep_their_country() -> None:
    assert to_e164("+44 20 7946 0958") == "+442079460958"
    assert to_e164("415 555 2671", region="US") == "+14155552671"


@given(st.integers(min_value=600000000, max_value=799999999))
def test_every_french_mobile_normalises_from_its_national_form(number: int) -> None:
    national = f"0{number}"
    spaced = " ".join(national[i:i + 2] for i in range(0, 10, 2))
    assert to_e164(national) == to_e164(spaced) == f"+33{number}"


def test_looks_like_phone_needs_digits() -> None:
    assert not looks_like_phone("lefevre")
    assert not looks_like_phone("12-34")
