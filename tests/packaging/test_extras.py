"""A server host installs `clienteling[server]` (no Qt), a tablet `clienteling[app]` (no FastAPI):
each command says which extra it needs instead of a traceback, and `--help` works without either.
Checked in a subprocess where the other extra's packages cannot be imported."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_PACKAGES = ("fastapi", "starlette", "uvicorn", "alembic", "psycopg", "prometheus_client")
APP_PACKAGES = ("PySide6", "shiboken6")


def _run_without(blocked: tuple[str, ...], *argv: str,
                 data_dir: Path) -> subprocess.CompletedProcess[str]:
    # A None in sys.modules makes `import name` raise ModuleNotFoundError, as if not installed.
    code = ("import sys\n"
            f"for name in {blocked!r}: sys.modules[name] = None\n"
            "from clienteling.cli import main\n"
            f"sys.exit(main({list(argv)!r}))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLIENTELING_DATA_DIR": str(data_dir),
           "CLIENTELING_DATABASE_URL": f"sqlite:///{data_dir / 'central.sqlite3'}"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("argv", [["server", "migrate"], ["server", "run", "--port", "0"],
                                  ["demo", "--server-only"]])
def test_server_commands_without_the_server_extra_name_it(argv, tmp_path):
    done = _run_without(SERVER_PACKAGES, *argv, data_dir=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "pip install 'clienteling[server]'" in done.stderr


def test_the_demo_without_the_server_extra_names_both(tmp_path):
    done = _run_without(SERVER_PACKAGES, "demo", data_dir=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "pip install 'clienteling[app,server]'" in done.stderr


def test_the_app_without_the_app_extra_names_it(tmp_path):
    done = _run_without(APP_PACKAGES, "app", data_dir=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "pip install 'clienteling[app]'" in done.stderr


def test_help_and_device_commands_need_no_extra(tmp_path):
    blocked = SERVER_PACKAGES + APP_PACKAGES
    assert _run_without(blocked, "--help", data_dir=tmp_path).returncode == 0
    status = _run_without(blocked, "status", "--json", data_dir=tmp_path)
    assert "Traceback" not in status.stderr, status.stderr


def test_the_extras_split_server_and_app_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"]).lower()
    extras = project["optional-dependencies"]
    assert not any(name in core for name in ("pyside6", "fastapi", "uvicorn", "psycopg"))
    assert "pyside6" not in " ".join(extras["server"]).lower()
    assert not any(name in " ".join(extras["app"]).lower()
                   for name in ("fastapi", "uvicorn", "psycopg"))
    assert "clienteling[app,server]" in extras["test"]
    assert isinstance(project["license"], str)  # SPDX, not the deprecated table


def test_an_install_without_the_server_package_names_the_extra():
    from clienteling.cli import missing_extra

    error = ModuleNotFoundError("No module named 'clienteling.server'", name="clienteling.server")
    assert missing_extra(error) == ("the central API is not installed here (clienteling.server "
                                    "is missing): pip install 'clienteling[server]'")
    assert missing_extra(ModuleNotFoundError("x", name="numpy")) is None  # a bug, not an extra


@pytest.mark.parametrize("argv", [["status", "--json"], ["sync", "--once"]])
def test_a_device_without_sqlcipher_names_the_device_extra(argv, tmp_path):
    from clienteling.settings import Paths, Settings

    Settings(server_url="http://127.0.0.1:9", username="seller1", store_id="PAR01").save(
        Paths.for_user(tmp_path))
    done = _run_without(("sqlcipher3",), *argv, data_dir=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "pip install 'clienteling[device]'" in done.stderr
    assert not (tmp_path / "replicas").exists() or not any((tmp_path / "replicas").iterdir())
