"""A device without an OS keyring (a kiosk, a headless sync box): `clienteling login` asks for a
choice instead of keeping the sign-in in memory, and with `--token-store file` the sign-in is
kept in a file encrypted for the device, so `clienteling sync --once` works afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from clienteling.settings import Paths, Settings, TokenPair, TokenStore
from clienteling.token_file import TOKENS_FILE, EncryptedFileKeyring
from tests.sync.live import PASSWORD, LiveServer, write_settings

ROOT = Path(__file__).resolve().parents[2]
NO_KEYRING = "keyring.backends.fail.Keyring"


def _clienteling(folder: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": NO_KEYRING, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "clienteling.cli", *args, "--data-dir",
                           str(folder)], input=stdin, capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT, check=False)


def test_login_without_a_keyring_asks_for_a_choice(server: LiveServer, tmp_path: Path):
    device = tmp_path / "device"
    write_settings(device)
    done = _clienteling(device, "login", "--server", server.url, "--username", "seller1",
                        stdin=PASSWORD + "\n")
    assert done.returncode == 1
    assert "--token-store file" in done.stderr
    assert Settings.load(Paths.for_user(device)).username is None  # not signed in for a moment


def test_login_with_the_file_then_sync_once_works(server: LiveServer, tmp_path: Path):
    device = tmp_path / "device"
    write_settings(device)
    done = _clienteling(device, "login", "--server", server.url, "--username", "seller1",
                        "--token-store", "file", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert "encrypted for this device" in done.stderr
    secret = (device / TOKENS_FILE).read_bytes()
    assert b"access_token" not in secret and b"refresh_token" not in secret
    assert (device / TOKENS_FILE).stat().st_mode & 0o077 == 0
    synced = _clienteling(device, "sync", "--once")
    assert synced.returncode == 0, synced.stdout + synced.stderr


def test_the_file_does_not_open_on_another_machine(tmp_path: Path):
    here = EncryptedFileKeyring(tmp_path, machine="machine-a")
    pair = TokenPair("access-1", "refresh-1")
    TokenStore(here).save("https://api.example", "seller1", pair)
    assert TokenStore(EncryptedFileKeyring(tmp_path, machine="machine-a")).load(
        "https://api.example", "seller1") == pair
    elsewhere = TokenStore(EncryptedFileKeyring(tmp_path, machine="machine-b"))
    assert elsewhere.load("https://api.example", "seller1") is None
