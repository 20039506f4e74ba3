"""The app's resources (style sheet, SVG icons, translations), found the same way from a checkout
or an installed wheel: through importlib.resources, never through paths relative to a source file.
"""

from __future__ import annotations

import re
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["icon_names", "icon_path", "root", "style_sheet", "translation_path"]


def root() -> Traversable:
    return files(__name__)


def _real_path(item: Traversable) -> Path:
    # Wheels installed as directories (the normal case) give a real path; a zipped install is
    # extracted once by as_file, and the path stays valid for the life of the process.
    if isinstance(item, Path):
        return item
    with as_file(item) as path:
        return Path(path)


def style_sheet() -> str:
    """The one style sheet of the app, its url(icon:NAME) written as the icon's file path (a
    style sheet has no other way to reach a packaged file)."""
    text = root().joinpath("style.qss").read_text(encoding="utf-8")
    return re.sub(r"url\(icon:(\w+)\)",
                  lambda m: f'url("{icon_path(m.group(1)).as_posix()}")', text)


def icon_names() -> list[str]:
    folder = root().joinpath("icons")
    return sorted(p.name.removesuffix(".svg") for p in folder.iterdir() if p.name.endswith(".svg"))


def icon_path(name: str) -> Path:
    """The SVG file of icon `name` (for example "clients"); KeyError if there is none."""
    item = root().joinpath("icons", f"{name}.svg")
    if not item.is_file():
        raise KeyError(f"no icon named {name!r}")
    return _real_path(item)


def translation_path(language: str) -> Path | None:
    """The compiled translation (.qm) for a language code such as "fr", or None."""
    item = root().joinpath("i18n", f"clienteling_{language}.qm")
    return _real_path(item) if item.is_file() else None
