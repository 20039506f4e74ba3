"""A keyring backend for tests only: it stands in for the OS keyring across processes (`login`
then `sync` as two subprocesses) by storing entries in a JSON file in the test's temporary
directory. Selected with PYTHON_KEYRING_BACKEND=tests.sync.file_keyring.FileKeyring and
CLIENTELING_TEST_KEYRING=<file>; production code is unchanged."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

ENV_FILE = "CLIENTELING_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:  # type: ignore[override]
        # Not viable unless a test named its file: keyring's own detection must skip it.
        if not os.environ.get(ENV_FILE):
            raise RuntimeError(f"set {ENV_FILE} to the test keyring's file")
        return 1.0

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        chosen = path or os.environ.get(ENV_FILE)
        self.path = Path(chosen) if chosen else None

    def _update(self, change: object) -> dict[str, str]:
        if self.path is None:
            raise RuntimeError(f"set {ENV_FILE} to the test keyring's file")
        self.path.touch(mode=0o600, exist_ok=True)
        with self.path.open("r+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            text = handle.read()
            entries: dict[str, str] = json.loads(text) if text.strip() else {}
            if callable(change):
                change(entries)
                handle.seek(0)
                handle.truncate()
                handle.write(json.dumps(entries))
                handle.flush()
                os.fsync(handle.fileno())
            return entries

    def get_password(self, service: str, username: str) -> str | None:
        return self._update(None).get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._update(lambda e: e.__setitem__(f"{service}\n{username}", password))

    def delete_password(self, service: str, username: str) -> None:
        key = f"{service}\n{username}"
        if key not in self._update(None):
            raise PasswordDeleteError(key)
        self._update(lambda e: e.pop(key, None))
