"""Settings on disk and tokens in the keyring (or in memory only, said so)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyring.backends import fail, null

from clienteling.domain.errors import DomainError
from clienteling.settings import Paths, Settings, TokenPair, TokenStore, normalize_server_url
from tests.sync.file_keyring import FileKeyring


def test_settings_round_trip_and_ignore_what_they_do_not_know(tmp_path: Path) -> None:
    paths = Paths.for_user(tmp_path)
    assert paths.config_dir == paths.data_dir == tmp_path.resolve()
    assert Settings.load(paths) == Settings()
    Settings(server_url="https://api.example", username="seller1", language="fr",
             lock_delay_minutes=3).save(paths)
    raw = json.loads(paths.settings_file.read_text())
    assert "password" not in raw and "access_token" not in json.dumps(raw)
    raw["from_a_newer_version"] = 1
    paths.settings_file.write_text(json.dumps(raw))
    loaded = Settings.load(paths)
    assert (loaded.language, loaded.lock_delay_minutes, loaded.signed_in) == ("fr", 3, True)


@pytest.mark.parametrize("text", ['{"page_size": "many"}', '{"backoff_cap_seconds": -1}',
                                  '{"username": ["a"]}'])
def test_wrong_setting_values_are_refused_clearly(tmp_path: Path, text: str) -> None:
    paths = Paths.for_user(tmp_path)
    paths.settings_file.write_text(text)
    with pytest.raises(DomainError) as caught:
        Settings.load(paths)
    assert caught.value.code == "settings.invalid"
    paths.settings_file.write_text("{not json")
    with pytest.raises(DomainError) as caught:
        Settings.load(paths)
    assert caught.value.code == "settings.unreadable"


def test_one_replica_file_per_server_and_user(tmp_path: Path) -> None:
    paths = Paths.for_user(tmp_path)
    a = paths.replica_file("https://api.example:8443/", "seller1")
    assert a == paths.replica_file("https://api.example:8443", "seller1")
    assert a.name.startswith("api.example-8443-seller1-") and a.suffix == ".sqlite3"
    assert a != paths.replica_file("https://api.example:8443", "seller2")
    assert a != paths.replica_file("https://other.example:8443", "seller1")
    assert a != paths.replica_file("https://api.example:8443/prefix", "seller1")
    for bad in ("ftp://x", "api.example", "", "https://"):
        with pytest.raises(DomainError) as caught:
            normalize_server_url(bad)
        assert caught.value.code == "settings.server_url"


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_without_a_keyring_tokens_live_in_memory_only_and_say_so(backend: object,
                                                                 tmp_path: Path) -> None:
    store = TokenStore(backend)  # type: ignore[arg-type]
    assert store.persistent is False
    store.save("https://api.example", "seller1", TokenPair("a", "r"))
    assert store.load("https://api.example", "seller1") == TokenPair("a", "r")
    assert TokenStore(backend).load("https://api.example", "seller1") is None  # type: ignore[arg-type]
    store.delete("https://api.example", "seller1")
    assert store.load("https://api.example", "seller1") is None
    assert list(tmp_path.iterdir()) == []


def test_a_keyring_keeps_tokens_across_processes(tmp_path: Path) -> None:
    file = tmp_path / "keyring.json"
    first, second = TokenStore(FileKeyring(file)), TokenStore(FileKeyring(file))
    assert first.persistent
    first.save("https://api.example", "seller1", TokenPair("a1", "r1"))
    assert second.load("https://api.example", "seller1") == TokenPair("a1", "r1")
    first.save("https://api.example", "seller1", TokenPair("a2", "r2"))
    # Cached in memory until asked to look again (another process refreshed the tokens).
    assert second.load("https://api.example", "seller1") == TokenPair("a1", "r1")
    assert second.load("https://api.example", "seller1", fresh=True) == TokenPair("a2", "r2")
    first.delete("https://api.example", "seller1")
    assert second.load("https://api.example", "seller1", fresh=True) is None
