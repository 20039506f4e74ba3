"""Sign-in tokens in a file encrypted for this device and this user, for systems without an
OS keyring (a Linux kiosk, a headless sync box).

The key is derived (HKDF-SHA256) from the machine's id, the user's name and id, and a random
salt kept beside the file: the file copied to another machine, or read by another account,
does not decrypt. It protects tokens at rest against a copied disk image or backup; someone
who runs code as this user on this machine can read them, as with an unlocked keyring. The
file is authenticated encryption (Fernet: AES-128-CBC + HMAC-SHA256), written atomically, 0600.
"""

from __future__ import annotations

import base64
import contextlib
import getpass
import json
import logging
import os
import secrets
import sys
import tempfile
import uuid
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

log = logging.getLogger(__name__)

TOKENS_FILE = "tokens.enc"
SALT_FILE = "tokens.salt"
SALT_BYTES = 32
MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


def machine_id() -> str:
    """A stable id of this machine: systemd's machine-id, Windows' MachineGuid, else the
    network card's address (what the standard library can see everywhere)."""
    for candidate in MACHINE_ID_FILES:
        with contextlib.suppress(OSError):
            text = candidate.read_text(encoding="ascii").strip()
            if text:
                return text
    if sys.platform == "win32":
        import winreg

        with contextlib.suppress(OSError), winreg.OpenKey(
                winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography") as key:
            return str(winreg.QueryValueEx(key, "MachineGuid")[0])
    return f"node-{uuid.getnode():012x}"


def _user() -> str:
    uid = os.getuid() if hasattr(os, "getuid") else ""
    return f"{getpass.getuser()}:{uid}"


def _write_private(path: Path, data: bytes) -> None:
    """Atomically, readable by this user only."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        os.chmod(tmp, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class EncryptedFileKeyring(KeyringBackend):
    """A keyring backend on `folder/tokens.enc` (never chosen by keyring itself: the app
    selects it when a device has no OS keyring and the person chose the file)."""

    priority = -1  # type: ignore[assignment]  # keyring never picks it on its own

    def __init__(self, folder: Path, *, machine: str | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.path = folder / TOKENS_FILE
        self._machine = machine

    def _fernet(self) -> Fernet:
        self.folder.mkdir(parents=True, exist_ok=True)
        salt_path = self.folder / SALT_FILE
        try:
            salt = salt_path.read_bytes()
        except FileNotFoundError:
            salt = secrets.token_bytes(SALT_BYTES)
            _write_private(salt_path, salt)
        material = f"{self._machine or machine_id()}\n{_user()}".encode()
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                   info=b"clienteling sign-in tokens v1").derive(material)
        return Fernet(base64.urlsafe_b64encode(key))

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            blob = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        try:
            entries = json.loads(self._fernet().decrypt(blob))
        except (InvalidToken, ValueError):
            # Another machine's or another user's file (a restored backup): not readable here.
            log.warning("the token file %s is not this device's: signing in again", self.path)
            return {}
        return entries if isinstance(entries, dict) else {}

    def _write(self, entries: dict[str, dict[str, str]]) -> None:
        blob = self._fernet().encrypt(json.dumps(entries, sort_keys=True).encode())
        _write_private(self.path, blob)

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._read()
        entries.setdefault(service, {})[username] = password
        self._write(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._read()
        if username not in entries.get(service, {}):
            raise PasswordDeleteError("no such sign-in")
        del entries[service][username]
        self._write(entries)
