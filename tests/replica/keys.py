"""Replica keys for tests: an in-memory keyring for replicas a test makes itself, and the keys
a device's data directory uses (what a second process, such as `clienteling sync`, reads)."""

from __future__ import annotations

from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from clienteling.replica.key import ReplicaKeys
from clienteling.settings import Paths, Settings


class MemoryKeyring(KeyringBackend):
    """A keyring that lives as long as the object: never the developer's keyring."""

    priority = -1  # type: ignore[assignment]  # never chosen by keyring itself

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


def memory_keys() -> ReplicaKeys:
    return ReplicaKeys(MemoryKeyring())


def device_keys(replica_path: Path) -> ReplicaKeys:
    """The keys of the device whose data directory (`--data-dir`, holding `replicas/`) holds
    `replica_path`, found the way another process of that device finds them: from its settings."""
    paths = Paths.for_user(replica_path.parent.parent)
    return ReplicaKeys.for_settings(paths, Settings.load(paths))
