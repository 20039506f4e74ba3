"""Importing after PySide6 without paying for its feature hook.

Once PySide6 is imported, its import hook reads the source of every module imported after it
(`shibokensupport.feature._mod_uses_pyside`: `inspect.getsource`, then a search for
"PySide6") to choose the module's default for PySide's optional `__feature__`s (snake_case,
true_property). The app uses none, and most of what it imports after Qt (SQLAlchemy, pydantic,
requests, the core, the standard library) never touches Qt: reading their sources cost about
0.1 s of CPU of a cold start (a tenth of it). Modules of the packages that do use Qt keep the
real check; the others are marked "ignore" (-1), which is what the check says for them anyway.
A module that imports `__feature__` is handled by PySide's `feature_import` whatever this says.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import PySide6.QtCore  # noqa: F401  # installs the hook patched below

# Top-level packages whose modules may use PySide6: they keep PySide's own check.
USES_QT = frozenset({"ui", "resources", "tests", "bench", "PySide6", "shiboken6", "pytestqt",
                     "__main__", "__mp_main__"})


def skip_source_scans() -> bool:
    """Install the cheaper check; False when this PySide6 has no such hook (then nothing)."""
    feature: Any = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if check is None or getattr(check, "skips_source_scans", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        name = getattr(module, "__name__", "") or ""
        if name.partition(".")[0] not in USES_QT:
            return False
        return bool(check(module))

    uses_pyside.skips_source_scans = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True
