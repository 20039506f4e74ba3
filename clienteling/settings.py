"""The app's one settings object, where it lives on disk, and where the sign-in tokens are kept."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import re
import socket
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from platformdirs import user_config_dir, user_data_dir

from clienteling.domain.errors import DomainError

if TYPE_CHECKING:  # keyring costs half a second of the app's cold start: imported when used
    import keyring.backend

log = logging.getLogger(__name__)

APP_NAME = "clienteling"
ENV_DATA_DIR = "CLIENTELING_DATA_DIR"
SETTINGS_FILE = "settings.json"

# The demo: `clienteling demo` and `demo --server-only` serve the same database on the same
# port, so what a seller does in the app is in the API the other prints. Not the central API's
# usual 8765: a real local server is never taken for the demo.
DEMO_PORT = 18765


@dataclass(frozen=True)
class Paths:
    """Where settings (config dir) and replicas (data dir) live; `--data-dir` sets both."""

    config_dir: Path
    data_dir: Path

    @classmethod
    def for_user(cls, data_dir: str | os.PathLike[str] | None = None) -> Paths:
        chosen = data_dir or os.environ.get(ENV_DATA_DIR)
        if chosen:
            folder = Path(chosen).expanduser().resolve()
            return cls(config_dir=folder, data_dir=folder)
        return cls(config_dir=Path(user_config_dir(APP_NAME, appauthor=False)),
                   data_dir=Path(user_data_dir(APP_NAME, appauthor=False)))

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE

    @property
    def replicas_dir(self) -> Path:
        return self.data_dir / "replicas"

    def replica_file(self, server_url: str, username: str) -> Path:
        """One replica per server and user: `replicas/<host>-<port>-<user>-<hash>.sqlite3`."""
        url = normalize_server_url(server_url)
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        readable = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{parts.hostname}-{port}-{username}")[:80]
        # The hash keeps two names that the clean-up above made equal apart.
        digest = hashlib.sha256(f"{url}\n{username}".encode()).hexdigest()[:10]
        return self.replicas_dir / f"{readable}-{digest}.sqlite3"


def demo_folder(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The demo's folder: `--data-dir`, else `demo` in the user data directory. Its `server`
    folder holds the demo central database, its `device` folder the app's data."""
    if data_dir:
        return Path(data_dir).expanduser().resolve()
    return Paths.for_user(None).data_dir / "demo"


def normalize_server_url(url: str) -> str:
    """`https://host:port/prefix` without a trailing slash; refuses anything but http(s)."""
    text = (url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DomainError("settings.server_url", "the server address must start with https:// "
                          "(or http:// on a trusted network)", url=text)
    return text.rstrip("/")


@dataclass
class Settings:
    """Everything the app remembers between runs, saved as JSON in the config directory.

    The signed-in user's identity (`user_id`, `display_name`, `role`, `store_id`) is what the
    server answered at sign-in; tokens are never here (see `TokenStore`).
    """

    server_url: str | None = None
    username: str | None = None
    user_id: int | None = None
    display_name: str | None = None
    role: str | None = None
    store_id: str | None = None
    # Issued by the server at sign-in, unique to that device session: the device puts it in
    # the order numbers it makes (with its own counter, kept in the replica).
    device_code: str | None = None
    language: str | None = None  # None: follow the system locale
    lock_delay_minutes: int = 5
    device_name: str = field(default_factory=socket.gethostname)
    # Sync tuning; the defaults suit a shop floor, tests make them small.
    pull_interval_seconds: float = 30.0
    health_interval_seconds: float = 5.0
    backoff_base_seconds: float = 1.0
    backoff_cap_seconds: float = 60.0
    connect_timeout_seconds: float = 5.0
    read_timeout_seconds: float = 30.0
    page_size: int = 2000
    ca_bundle: str | None = None  # a private CA file for TLS verification; never "no verify"
    # Where sign-in tokens live: "keyring" (the OS keyring) or "file" (an encrypted file keyed
    # to this device and user, for devices without a keyring: kiosks, headless sync boxes).
    token_store: str = "keyring"

    @property
    def signed_in(self) -> bool:
        return bool(self.server_url and self.username)

    @classmethod
    def load(cls, paths: Paths) -> Settings:
        """The saved settings, or the defaults when there are none; unknown keys are ignored."""
        try:
            raw = json.loads(paths.settings_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise DomainError("settings.unreadable", "the settings file cannot be read",
                              path=str(paths.settings_file), reason=str(exc)) from exc
        if not isinstance(raw, dict):
            raise DomainError("settings.unreadable", "the settings file is not a JSON object",
                              path=str(paths.settings_file))
        return cls.from_dict(raw, source=str(paths.settings_file))

    @classmethod
    def from_dict(cls, raw: dict[str, Any], source: str = "") -> Settings:
        """Settings from saved values: unknown names ignored (another version's), values of
        the wrong type refused with `settings.invalid`."""
        defaults = cls()
        names = {f.name for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for name, value in raw.items():
            if name not in names:
                continue  # a setting of another version: ignored
            default = getattr(defaults, name)
            if isinstance(default, int | float) and not isinstance(default, bool):
                if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                    raise DomainError("settings.invalid", "a setting has a wrong value",
                                      path=source, name=name)
                value = type(default)(value)
            elif value is not None and not isinstance(value, str | int):
                raise DomainError("settings.invalid", "a setting has a wrong value",
                                  path=source, name=name)
            values[name] = value
        return cls(**values)

    def save(self, paths: Paths) -> None:
        """Write atomically (a crash leaves the old or the new file, never half of one)."""
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(dataclasses.asdict(self), indent=2, sort_keys=True)
        fd, tmp = tempfile.mkstemp(dir=paths.config_dir, prefix=".settings-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, paths.settings_file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


# --- tokens -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str

    def to_json(self) -> str:
        return json.dumps({"access_token": self.access_token,
                           "refresh_token": self.refresh_token})

    @classmethod
    def from_json(cls, text: str) -> TokenPair | None:
        try:
            raw = json.loads(text)
            return cls(access_token=str(raw["access_token"]),
                       refresh_token=str(raw["refresh_token"]))
        except (ValueError, KeyError, TypeError):
            return None


def _usable(backend: keyring.backend.KeyringBackend) -> bool:
    # The `fail` backend raises on every call and `null` silently forgets: neither keeps a token.
    return type(backend).__module__ not in ("keyring.backends.fail", "keyring.backends.null")


TOKEN_STORES = ("keyring", "file")


class TokenStore:
    """Sign-in tokens in the OS keyring (service "clienteling", one entry per server + user),
    or, when chosen, in a file encrypted for this device (`clienteling.token_file`).

    When the system has no keyring and the file was not chosen, tokens are kept in memory for
    this process only and `persistent` is False: the sign-in page and `clienteling login` offer
    the file instead, and the header says so. Thread-safe.
    """

    SERVICE = APP_NAME

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        if backend is None:
            import keyring

            backend = keyring.get_keyring()
        self._backend = backend
        self._system = self._backend
        self._persistent = _usable(self._backend)
        self._keyring_usable = self._persistent
        self._memory: dict[str, TokenPair] = {}
        self._lock = threading.Lock()

    @classmethod
    def for_device(cls, paths: Paths, choice: str = "keyring") -> TokenStore:
        """The store a device's settings chose: the OS keyring, or the encrypted file."""
        store = cls()
        if choice == "file":
            store.use_file(paths)
        return store

    def use_file(self, paths: Paths) -> None:
        """From now on keep tokens in the device's encrypted file (in the config directory)."""
        from clienteling.token_file import EncryptedFileKeyring

        with self._lock:
            self._backend = EncryptedFileKeyring(paths.config_dir)
            self._persistent = True

    @property
    def keyring_available(self) -> bool:
        """False when the system has no usable OS keyring (a kiosk, a headless box)."""
        return self._keyring_usable

    @property
    def kind(self) -> str:
        """ "keyring", "file" or "memory": where tokens are kept now."""
        from clienteling.token_file import EncryptedFileKeyring

        if isinstance(self._backend, EncryptedFileKeyring):
            return "file"
        return "keyring" if self._persistent else "memory"

    @property
    def secret_backend(self) -> keyring.backend.KeyringBackend | None:
        """The store that keeps secrets across processes (the OS keyring or the device's
        encrypted file), or None when tokens live in memory only. The replica keys use it."""
        with self._lock:
            return self._backend if self._persistent else None

    @property
    def system_keyring(self) -> keyring.backend.KeyringBackend | None:
        """The OS keyring when the system has a usable one (whatever the store chosen)."""
        return self._system if self._keyring_usable else None

    @property
    def persistent(self) -> bool:
        """True when tokens survive the process (a keyring or the file), False when memory."""
        return self._persistent

    @staticmethod
    def entry(server_url: str, username: str) -> str:
        return f"{normalize_server_url(server_url)} {username}"

    def load(self, server_url: str, username: str, *, fresh: bool = False) -> TokenPair | None:
        """The stored pair; `fresh` reads the keyring again (another process may have
        refreshed the tokens since this one read them)."""
        name = self.entry(server_url, username)
        with self._lock:
            if name in self._memory and not (fresh and self._persistent):
                return self._memory[name]
            if not self._persistent:
                return None
            import keyring.errors

            try:
                text = self._backend.get_password(self.SERVICE, name)
            except keyring.errors.KeyringError as exc:
                log.warning("the keyring cannot be read: %s", exc)
                return None
            pair = TokenPair.from_json(text) if text else None
            if pair is not None:
                self._memory[name] = pair
            else:
                self._memory.pop(name, None)
            return pair

    def save(self, server_url: str, username: str, pair: TokenPair) -> None:
        name = self.entry(server_url, username)
        with self._lock:
            self._memory[name] = pair
            if not self._persistent:
                return
            import keyring.errors

            try:
                self._backend.set_password(self.SERVICE, name, pair.to_json())
            except keyring.errors.KeyringError as exc:
                # The keyring went away (locked, no D-Bus): keep going in memory and say so.
                log.warning("the keyring refused the token, keeping it in memory: %s", exc)
                self._persistent = False

    def delete(self, server_url: str, username: str) -> None:
        name = self.entry(server_url, username)
        with self._lock:
            self._memory.pop(name, None)
            if not self._persistent:
                return
            import keyring.errors

            with contextlib.suppress(keyring.errors.KeyringError):
                self._backend.delete_password(self.SERVICE, name)
