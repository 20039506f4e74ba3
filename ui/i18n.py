"""Language and locale: which language the app speaks, its translators, and QLocale formatting.

French and English are shipped. The system locale picks unless the settings say otherwise; any
other system language falls back to English. Dates, times, numbers and money shown to a seller
are formatted here, through QLocale, in the seller's time zone (the core keeps UTC).

`python -m ui.i18n update` refreshes the .ts sources from the code; `python -m ui.i18n release`
builds the .qm files the app loads.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTimeZone,
    QTranslator,
)

import resources
from clienteling.domain.money import Money

LANGUAGES = ("fr", "en")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation in `context` and give it back untranslated (Qt's own is
    typed as returning `object`)."""
    return text
_installed: list[QTranslator] = []


def choose_language(setting: str | None, system: QLocale | None = None) -> str:
    """The language to speak: the setting if it names a shipped one, else the system's, else en."""
    if setting in LANGUAGES:
        return setting
    system = system or QLocale.system()
    name = system.name().split("_")[0]
    return name if name in LANGUAGES else "en"


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The QLocale for a language: the system's own when it speaks it (fr_BE stays fr_BE)."""
    system = system or QLocale.system()
    if system.name().split("_")[0] == language:
        return system
    if language == "fr":
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def install(language: str, system: QLocale | None = None) -> QLocale:
    """Load the app's (and Qt's own) translations for `language`; set the default QLocale."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qm = resources.translation_path(language)
    if qm is not None:
        ours = QTranslator(app)
        if not ours.load(str(qm)):
            raise RuntimeError(f"cannot load the translation {qm}")
        app.installTranslator(ours)
        _installed.append(ours)
    # Qt's own strings (standard dialog buttons) in the same language.
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    locale = locale_for(language, system)
    QLocale.setDefault(locale)
    return locale


def _local(moment: dt.datetime) -> QDateTime:
    if moment.tzinfo is None:  # the core stores UTC; a naive value is UTC
        moment = moment.replace(tzinfo=dt.UTC)
    utc = moment.astimezone(dt.UTC)
    qdt = QDateTime.fromSecsSinceEpoch(int(utc.timestamp()), QTimeZone.utc())
    return qdt.toLocalTime()


def format_time(moment: dt.datetime, locale: QLocale | None = None) -> str:
    """Hours and minutes, local time ("10:32", "10:32 AM" in en_US)."""
    locale = locale or QLocale()
    return locale.toString(_local(moment).time(), QLocale.FormatType.ShortFormat)


def format_datetime(moment: dt.datetime, locale: QLocale | None = None) -> str:
    """Date and time, local; today's moments show the time only."""
    locale = locale or QLocale()
    local = _local(moment)
    if local.date() == QDateTime.currentDateTime().date():
        return format_time(moment, locale)
    return locale.toString(local, QLocale.FormatType.ShortFormat)


def format_date(day: dt.date | dt.datetime, locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    if isinstance(day, dt.datetime):
        return locale.toString(_local(day).date(), QLocale.FormatType.ShortFormat)
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def format_number(value: int | Decimal, locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    if isinstance(value, Decimal):
        places = max(0, -int(value.as_tuple().exponent)) if value.is_finite() else 0
        return locale.toString(float(value), "f", places)
    return locale.toString(int(value))


def format_money(amount: Decimal | int | str, currency: str = "EUR",
                 locale: QLocale | None = None) -> str:
    """An amount with its currency ("1 234,50 €", "€1,234.50"): the core's `Money` shown
    through Babel for this QLocale's language and region (no table of symbols here)."""
    locale = locale or QLocale()
    name = locale.name()  # "fr_FR", "en_GB"; "C" for the C locale, which Babel reads as English
    return Money(Decimal(str(amount)), currency).display(None if name == "C" else name)


def _ts_files() -> list[Path]:
    root = Path(resources.__file__).parent / "i18n"
    return [root / f"clienteling_{lang}.ts" for lang in LANGUAGES]


def update_sources() -> None:
    """Extract every tr()/translate() string of `ui/` into the .ts files (keeps translations)."""
    ui_dir = Path(__file__).parent
    sources = sorted(str(p) for p in ui_dir.rglob("*.py"))
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    for ts in _ts_files():
        subprocess.run([str(tool), "-locations", "none", "-no-obsolete", *sources, "-ts",
                        str(ts)], check=True)


def release() -> None:
    """Build the .qm files next to the .ts sources."""
    tool = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in _ts_files():
        subprocess.run([str(tool), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update_sources()
    elif command == "release":
        release()
    else:
        sys.exit("usage: python -m ui.i18n update|release")
