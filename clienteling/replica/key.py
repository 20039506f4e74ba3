"""The replica's encryption key: 256 random bits made when a replica file is first created and
kept in the device's secret store, never beside the replica in clear.

The secret store is the one the sign-in tokens use (`TokenStore`): the OS keyring, or, with
`--token-store file`, the file encrypted for this device and user (`clienteling.token_file`).
On a system with no keyring where the file was not chosen the tokens live in memory, but a key
in memory would make the replica, and the unsent work in its outbox, unreadable at the next
start: the key then goes to the device-bound file (in the config directory) all the same.

How every process opens a replica (the app, `clienteling sync`, a sync child process of the
app, tests and benchmarks): with the keys of its data directory,

    keys = ReplicaKeys.for_device(paths, token_store)      # in a process that has a TokenStore
    keys = ReplicaKeys.for_settings(paths, settings)        # in one that has only the settings
    replica = Replica.open(path, keys)                      # clienteling.replica.database

`Replica.open` finds the key (making one for a new file), converts a replica written in clear by
an older version, rebuilds one whose key is lost, and refuses a wrong key with
`replica.wrong_key`. Under it `database.connect(path, key)` is the only place that opens the
file; nothing else may call sqlite3 or sqlcipher3 on a replica.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

import keyring.errors
from keyring.backend import KeyringBackend

from clienteling.domain.errors import DomainError

if TYPE_CHECKING:
    from clienteling.settings import Paths, Settings, TokenStore

log = logging.getLogger(__name__)

SERVICE = "clienteling-replica"
KEY_BYTES = 32  # 256 bits: SQLCipher's raw AES-256 key, no passphrase derivation
_HEX = re.compile(r"[0-9a-f]{64}")


class ReplicaKeys:
    """The keys of the replica files of one device, one entry per file (its absolute path) in a
    keyring backend under the service "clienteling-replica"."""

    def __init__(self, backend: KeyringBackend,
                 elsewhere: tuple[KeyringBackend, ...] = ()) -> None:
        self.backend = backend
        # Where an earlier choice of store may have put a key: looked in when `backend` has
        # none, and the key moved over, so switching stores never loses a replica.
        self.elsewhere = elsewhere

    @classmethod
    def for_device(cls, paths: Paths, tokens: TokenStore) -> ReplicaKeys:
        """Where this device keeps secrets: the token store's keyring or file; the
        device-bound file when the tokens are kept in memory only."""
        from clienteling.token_file import EncryptedFileKeyring

        device_file = EncryptedFileKeyring(paths.config_dir)
        backend = tokens.secret_backend or device_file
        others: list[KeyringBackend] = []
        if not isinstance(backend, EncryptedFileKeyring):
            others.append(device_file)
        system = tokens.system_keyring
        if system is not None and system is not backend:
            others.append(system)
        return cls(backend, tuple(others))

    @classmethod
    def for_settings(cls, paths: Paths, settings: Settings) -> ReplicaKeys:
        """The same store as `for_device`, from the settings alone (another process)."""
        from clienteling.settings import TokenStore

        return cls.for_device(paths, TokenStore.for_device(paths, settings.token_store))

    @staticmethod
    def entry(path: str | os.PathLike[str]) -> str:
        return str(Path(path).expanduser().resolve())

    def load(self, path: str | os.PathLike[str]) -> bytes | None:
        """The file's key, or None when the store has none (a lost key). Raises
        `replica.key_unavailable` when the store cannot be read now (a locked keyring): the
        key may well be there, so the replica must not be treated as lost."""
        key = self._read(self.backend, path)
        if key is not None:
            return key
        for other in self.elsewhere:
            key = self._read(other, path)
            if key is not None:
                self._store(path, key)
                with contextlib.suppress(keyring.errors.KeyringError):
                    other.delete_password(SERVICE, self.entry(path))
                return key
        return None

    def _read(self, backend: KeyringBackend, path: str | os.PathLike[str]) -> bytes | None:
        try:
            text = backend.get_password(SERVICE, self.entry(path))
        except keyring.errors.KeyringError as exc:
            raise DomainError(
                "replica.key_unavailable",
                "the key of the local replica cannot be read from the keyring: unlock it and "
                "start again", path=str(path), reason=str(exc)) from exc
        if not text or not _HEX.fullmatch(text):
            return None
        return bytes.fromhex(text)

    def _store(self, path: str | os.PathLike[str], key: bytes) -> None:
        try:
            self.backend.set_password(SERVICE, self.entry(path), key.hex())
        except keyring.errors.KeyringError as exc:
            raise DomainError(
                "replica.key_unavailable",
                "the keyring refused to keep the key of the local replica: unlock it and "
                "start again", path=str(path), reason=str(exc)) from exc
        if self._read(self.backend, path) != key:
            raise DomainError("replica.key_unavailable",
                              "the keyring did not keep the key of the local replica",
                              path=str(path))

    def create(self, path: str | os.PathLike[str]) -> bytes:
        """A new random key for the file, stored (replacing any older one) before it is used."""
        key = secrets.token_bytes(KEY_BYTES)
        self._store(path, key)
        return key

    def forget(self, path: str | os.PathLike[str]) -> None:
        """Remove the file's key (after the replica was deleted: a wipe)."""
        for backend in (self.backend, *self.elsewhere):
            with contextlib.suppress(keyring.errors.KeyringError):
                backend.delete_password(SERVICE, self.entry(path))
