"""The window shows before the heavy parts of the core are imported: `ui.app` (what runs
before the first paint) imports neither SQLAlchemy, the server, the HTTP client and its wire
models, nor keyring or phonenumbers; the device services bring them in a worker afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "fastapi", "clienteling.server", "requests", "pydantic",
         "clienteling.api.client", "clienteling.api.models", "clienteling.device",
         "keyring", "phonenumbers", "babel")


def test_the_window_path_imports_nothing_heavy() -> None:
    code = ("import json, sys\n"
            "import ui.app\n"
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []
