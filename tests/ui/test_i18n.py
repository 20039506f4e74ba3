"""French and English: every visible string is translated, the built .qm match their sources,
the locale picks the language unless the setting does, QLocale formats numbers, money, dates."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

import resources
from ui import i18n, messages

UI_DIR = Path(i18n.__file__).parent
TOOLS = Path(sys.executable).parent
PLACEHOLDERS = re.compile(r"%n|%\d|\{[a-z_]+\}")


def _messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", msg) for ctx in root.iter("context")
            for msg in ctx.iter("message")]


def _translations(msg: ET.Element) -> list[str]:
    node = msg.find("translation")
    assert node is not None
    forms = [f.text or "" for f in node.iter("numerusform")]
    return forms or [node.text or ""]


@pytest.fixture(scope="module")
def fresh_french(tmp_path_factory) -> Path:
    """The French .ts as the code makes it today: the committed one updated from `ui/`."""
    ts = tmp_path_factory.mktemp("ts") / "clienteling_fr.ts"
    shutil.copy(resources.translation_path("fr").with_suffix(".ts"), ts)
    sources = sorted(str(p) for p in UI_DIR.rglob("*.py"))
    subprocess.run([str(TOOLS / "pyside6-lupdate"), "-silent", "-locations", "none",
                    "-no-obsolete", *sources, "-ts", str(ts)], check=True, timeout=120)
    return ts


def test_every_visible_string_has_a_french_translation(fresh_french):
    missing = [f"{context}: {msg.findtext('source')!r}" for context, msg in
               _messages(fresh_french)
               if msg.find("translation").get("type") in ("unfinished", "vanished")
               or not all(t.strip() for t in _translations(msg))]
    assert not missing, "untranslated (run `python -m ui.i18n update`, translate, then " \
                        "`python -m ui.i18n release`):\n" + "\n".join(missing)


def test_translations_keep_their_placeholders(fresh_french):
    wrong = []
    for context, msg in _messages(fresh_french):
        source = msg.findtext("source") or ""
        wanted = sorted(set(PLACEHOLDERS.findall(source)))
        for text in _translations(msg):
            if text and sorted(set(PLACEHOLDERS.findall(text))) != wanted:
                wrong.append(f"{context}: {source!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_french_uses_typographic_apostrophes():
    # l’écran, n’a, aujourd’hui: the French typesetting every screen uses, not a typewriter '.
    straight = [f"{context}: {text!r}" for context, msg in
                _messages(resources.translation_path("fr").with_suffix(".ts"))
                for text in _translations(msg) if "'" in text]
    assert not straight, "\n".join(straight)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_shipped_qm_is_built_from_the_shipped_ts(language, tmp_path):
    qm = resources.translation_path(language)
    assert qm is not None, f"clienteling_{language}.qm is not shipped"
    built = tmp_path / qm.name
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(qm.with_suffix(".ts")),
                    "-qm", str(built)], check=True, timeout=120)
    assert built.read_bytes() == qm.read_bytes(), "run `python -m ui.i18n release`"


def test_resources_are_found_through_the_package():
    assert "QFrame#header" in resources.style_sheet()
    assert {"clients", "sync", "lock", "camera"} <= set(resources.icon_names())
    assert resources.icon_path("sync").read_text().startswith("<svg")
    with pytest.raises(KeyError):
        resources.icon_path("no-such-icon")


def test_the_style_sheets_images_are_the_packaged_icons():
    # The drop-down chevron of choices and dates: a style sheet reaches a packaged SVG only
    # through its real path, which style_sheet() writes in place of url(icon:NAME).
    sheet = resources.style_sheet()
    assert "url(icon:" not in sheet
    urls = re.findall(r'url\("([^"]+)"\)', sheet)
    assert str(resources.icon_path("chevron_down").as_posix()) in urls
    for url in urls:
        assert Path(url).read_text().startswith("<svg")


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [("fr", "en_US", "fr"), ("en", "fr_FR", "en"), (None, "fr_BE", "fr"), (None, "en_CA", "en"),
     (None, "de_DE", "en"), ("xx", "fr_FR", "fr")],
)
def test_the_setting_overrides_the_system_locale(setting, system, expected):
    assert i18n.choose_language(setting, QLocale(system)) == expected


def test_a_french_system_keeps_its_own_region():
    assert i18n.locale_for("fr", QLocale("fr_BE")).name() == "fr_BE"
    assert i18n.locale_for("fr", QLocale("en_US")).name() == "fr_FR"


def test_messages_come_in_french(french):
    assert messages.text("card.check_digit") == \
        "La clé de contrôle ne correspond pas : scannez la carte à nouveau."
    short = messages.text("stock.short", lines=[{"sku": "SKU-1", "requested": 3,
                                                 "available": 1}])
    assert short.startswith("Stock insuffisant pour SKU-1 (3 demandés, 1 disponibles)")
    assert messages.text("http.503").startswith("Le serveur est en difficulté (erreur 503)")
    assert messages.text("no.such_code") == "Un problème est survenu (no.such_code)."


def test_numbers_money_and_dates_follow_the_locale():
    fr = QLocale("fr_FR")
    en = QLocale("en_GB")
    assert i18n.format_money(Decimal("1234.5"), "EUR", fr).replace("\u202f", " ") \
        .replace("\xa0", " ") == "1 234,50 €"
    assert i18n.format_money(Decimal("1234.5"), "EUR", en) == "€1,234.50"
    assert i18n.format_number(12000, en) == "12,000"
    day = dt.date(2026, 3, 2)
    assert i18n.format_date(day, fr) == "02/03/2026"
    assert i18n.format_date(day, en) == "02/03/2026"
    assert i18n.format_date(day, QLocale("en_US")) == "3/2/26"
    moment = dt.datetime(2026, 3, 2, 9, 32, tzinfo=dt.UTC)
    assert re.fullmatch(r"\d\d:\d\d", i18n.format_time(moment, fr))


def test_choosing_french_in_the_header_rebuilds_the_window_in_french(app_session, qtbot,
                                                                     seeded):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QPushButton

    page = app_session.sign_in_page
    for name, text in (("Server address", seeded.url), ("Username", seeded.username),
                       ("Password", seeded.password)):
        field = next(w for w in page.findChildren(QLineEdit) if w.accessibleName() == name)
        QTest.keyClicks(field, text)
    sign_in = next(w for w in page.findChildren(QPushButton) if w.accessibleName() == "Sign in")
    with qtbot.waitSignal(app_session.ready, timeout=15_000):
        QTest.mouseClick(sign_in, Qt.MouseButton.LeftButton)
    language_menu = next(a.menu() for a in app_session.window.header.user_button.menu()
                         .actions() if a.menu() is not None)
    french_action = next(a for a in language_menu.actions() if a.text() == "Français")
    try:
        with qtbot.waitSignal(app_session.window_replaced, timeout=10_000):
            french_action.trigger()
        rail = app_session.window.rail
        assert rail.button("sync").text().startswith("Synchro")
        assert app_session.device.session.settings.language == "fr"
        assert QLocale().name() == "fr_FR" or QLocale().name().startswith("fr")
    finally:
        i18n.install("en", QLocale("en_GB"))
