"""The window shows before the heavy parts of the core are imported: `ui.app` (what runs
before the first paint) imports neither SQLAlchemy, the server, the HTTP client and its wire
models, nor keyring or phonenumbers, the camera (QtMultimedia) or the screens; the device
services bring them in a worker afterwards. And what is imported after Qt does not pay for
PySide's feature hook reading its source (ui.qt_features)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "fastapi", "clienteling.server", "requests", "pydantic",
         "clienteling.api.client", "clienteling.api.models", "clienteling.device",
         "keyring", "phonenumbers", "babel",
         # the camera: QtMultimedia starts once the sign-in page or the frame shows
         "ui.scanner.camera", "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets",
         # the screens: imported in the worker that opens the device services
         "ui.lookup", "ui.customers", "ui.devices")


def test_the_window_path_imports_nothing_heavy() -> None:
    code = ("import json, sys\n"
            "import ui.app\n"
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_modules_that_never_use_qt_skip_pysides_source_scan() -> None:
    code = ("import json, sys\n"
            "import ui\n"
            "import clienteling.domain.text as core, ui.icons as screen_kit\n"
            "feature = sys.modules['shibokensupport.feature']\n"
            "check = feature._mod_uses_pyside\n"
            "import inspect\n"
            "read = []\n"
            "source = inspect.getsource\n"
            "inspect.getsource = lambda m: read.append(m.__name__) or source(m)\n"
            "answers = [getattr(check, 'skips_source_scans', False), check(core),\n"
            "           check(screen_kit)]\n"
            "print(json.dumps([answers, read]))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT, check=True)
    # The core is marked "ignore" without its source read; a Qt module keeps PySide's answer.
    assert json.loads(done.stdout.splitlines()[-1]) == [[True, False, True], ["ui.icons"]]
