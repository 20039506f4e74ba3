"""Unlocking a locked app: the seller's local PIN (a salted hash, never the PIN) and the
password checked against the server.

The PIN exists so a seller can come back to a locked tablet while the network is down; it is
not the password and the password is never stored. Hashes live in `unlock.json` in the config
directory, readable by the user alone, one per server and user.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from clienteling.domain.errors import DomainError
from clienteling.settings import Paths, normalize_server_url

__all__ = ["PinStore", "check_password"]

PIN_PATTERN = re.compile(r"\d{4,8}")
FILE_NAME = "unlock.json"

# A PIN has few possible values; the hash's cost is what makes guessing from a stolen file slow.
_hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=1)


def _key(server_url: str, username: str) -> str:
    return f"{normalize_server_url(server_url)} {username}"


class PinStore:
    """The PIN hashes of this device's users. Thread-safe."""

    def __init__(self, paths: Paths) -> None:
        self._file: Path = paths.config_dir / FILE_NAME
        self._lock = threading.Lock()

    def _read(self) -> dict[str, str]:
        try:
            raw = json.loads(self._file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}  # a damaged file means no PIN: the password still unlocks
        if not isinstance(raw, dict):
            return {}
        return {k: v for k, v in raw.items() if isinstance(v, str)}

    def _write(self, hashes: dict[str, str]) -> None:
        self._file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._file.parent, prefix=".unlock-", suffix=".tmp")
        try:
            os.chmod(tmp, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(hashes, handle, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def has_pin(self, server_url: str, username: str) -> bool:
        with self._lock:
            return _key(server_url, username) in self._read()

    def set_pin(self, server_url: str, username: str, pin: str) -> None:
        """Keep a salted hash of `pin` (4 to 8 digits). Raises `lock.pin_format`."""
        if not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
            raise DomainError("lock.pin_format", "a PIN is 4 to 8 digits")
        digest = _hasher.hash(pin)
        with self._lock:
            hashes = self._read()
            hashes[_key(server_url, username)] = digest
            self._write(hashes)

    def clear_pin(self, server_url: str, username: str) -> None:
        with self._lock:
            hashes = self._read()
            if hashes.pop(_key(server_url, username), None) is not None:
                self._write(hashes)

    def check_pin(self, server_url: str, username: str, pin: str) -> bool:
        """True when `pin` is this user's PIN; False when it is not or none is set."""
        with self._lock:
            digest = self._read().get(_key(server_url, username))
        if digest is None or not isinstance(pin, str) or not PIN_PATTERN.fullmatch(pin):
            return False
        try:
            return _hasher.verify(digest, pin)
        except (VerificationError, InvalidHashError):
            return False


def check_password(server_url: str, username: str, password: str, *, device_name: str,
                   ca_bundle: str | None = None, connect_timeout: float = 5.0,
                   read_timeout: float = 30.0) -> bool:
    """Online. True when the server accepts the password, False when it refuses it.

    The check is a sign-in whose session is revoked at once, so it leaves nothing behind.
    Raises the client's `network.*` errors when the server cannot be asked.
    """
    # Here, not at the top: the lock page imports this module before the window shows, and
    # the HTTP client (requests, the wire models) costs a second of a cold start.
    from clienteling.api.client import ApiClient, ApiError

    client = ApiClient(server_url, connect_timeout=connect_timeout, read_timeout=read_timeout,
                       verify=ca_bundle or True)
    try:
        try:
            client.login(username, password, device_name)
        except ApiError as exc:
            if exc.status == 401:
                return False
            raise
        client.logout()
        return True
    finally:
        client.close()
