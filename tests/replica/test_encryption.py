"""The replica encrypted at rest: no customer readable in the file or its WAL without the key,
the right key opens it, a wrong one is refused clearly, a lost one starts a new replica, an
older replica written in clear is encrypted keeping its unsent work."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import keyring.errors
import pytest
from keyring.backends import fail

from clienteling.domain.errors import DomainError
from clienteling.outbox import queue
from clienteling.outbox.kinds import note_add
from clienteling.replica import database, reads
from clienteling.replica.apply import apply_changes
from clienteling.replica.database import Replica
from clienteling.replica.key import KEY_BYTES, SERVICE, ReplicaKeys
from clienteling.settings import Paths, TokenStore
from clienteling.token_file import EncryptedFileKeyring
from tests.replica.clear_text import clear_text_hits, files_under, needles
from tests.replica.feed_data import small_chain
from tests.replica.keys import MemoryKeyring, memory_keys

# The customers of `small_chain`.
CUSTOMERS = needles(names=["Hélène Lefèvre", "Jean-Éloi O'Brien"],
                    emails=["Helene.Lefevre@Example.fr"],
                    phones=["+33612345678", "06 98 76 54 32"])


def _load(replica: Replica) -> int:
    with replica.write() as conn:
        apply_changes(conn, small_chain())
        Replica.set_meta(conn, "cursor", "0-42")
        return queue.enqueue(conn, kind=note_add.KIND, customer_id="C1",
                             payload={"text": "rappeler Hélène Lefèvre au 06 12 34 56 78",
                                      "interaction_id": "n-1"})


def _outbox(replica: Replica) -> list[tuple]:
    with replica.read() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT id, kind, customer_id, payload FROM outbox ORDER BY id").all()]


def _search(replica: Replica, query: str) -> list[str]:
    with replica.read() as conn:
        return [c.customer_id for c in reads.search_customers(conn, query, 10)]


def test_no_customer_is_readable_in_the_file_or_its_wal(tmp_path: Path) -> None:
    folder = tmp_path / "replicas"
    replica = Replica.open(folder / "r.sqlite3", memory_keys())
    try:
        _load(replica)
        wal = folder / "r.sqlite3-wal"
        assert wal.stat().st_size > 0  # the customers are in the WAL now, not yet in the file
        assert clear_text_hits(folder, CUSTOMERS) == {}
        # Full-text search works on the encrypted file: names, emails and phones.
        assert _search(replica, "lefevre") == ["C1"]
        assert _search(replica, "helene.lefevre@example") == ["C1"]
        assert _search(replica, "06 98 76") == ["C2"]
    finally:
        replica.close()
    assert [p.name for p in files_under(folder)] == ["r.sqlite3"]  # the WAL checkpointed in
    assert clear_text_hits(folder, CUSTOMERS) == {}
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(folder / "r.sqlite3").execute("SELECT * FROM customers").fetchall()


def test_an_older_replica_in_clear_is_encrypted_keeping_its_work(tmp_path: Path) -> None:
    path = tmp_path / "replicas" / "r.sqlite3"
    old = Replica._open_with_key(path, None)  # what the previous version wrote
    try:
        _load(old)
        pending = _outbox(old)
    finally:
        old.close()
    # The scan sees the customers in a clear file: it would see them in an encrypted one.
    assert set(clear_text_hits(path.parent, CUSTOMERS)["r.sqlite3"]) >= {
        "lefèvre", "lefevre", "helene.lefevre@example.fr", "+33612345678"}
    keys = memory_keys()
    new = Replica.open(path, keys)
    try:
        assert _outbox(new) == pending
        assert new.meta("cursor") == "0-42"
        assert _search(new, "lefevre") == ["C1"]
        with new.read() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    finally:
        new.close()
    assert clear_text_hits(path.parent, CUSTOMERS) == {}
    assert [p.name for p in files_under(path.parent)] == ["r.sqlite3"]
    assert database.read_version(path, keys.load(path)) == database.SCHEMA_VERSION


def test_a_copy_on_another_machine_is_unreadable_and_the_right_key_opens_it(
        tmp_path: Path) -> None:
    keys = memory_keys()
    path = tmp_path / "here" / "r.sqlite3"
    replica = Replica.open(path, keys)
    _load(replica)
    replica.close()
    key = keys.load(path)
    assert key is not None and len(key) == KEY_BYTES
    copy = tmp_path / "there" / "r.sqlite3"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    # The other machine has its own key for a replica at that place: refused, left alone.
    elsewhere = memory_keys()
    elsewhere.create(copy)
    before = copy.read_bytes()
    with pytest.raises(DomainError) as caught:
        Replica.open(copy, elsewhere)
    assert caught.value.code == "replica.wrong_key"
    assert copy.read_bytes() == before
    with pytest.raises(DomainError) as caught:
        database.connect(copy, bytes(KEY_BYTES))
    assert caught.value.code == "replica.wrong_key"
    # With this device's key the copy reads (the key is the whole secret).
    conn = database.connect(copy, key)
    try:
        assert conn.execute("SELECT count(*) FROM customers").fetchone() == (2,)
    finally:
        conn.close()


def test_a_replica_whose_key_is_lost_is_made_anew_keeping_nothing(tmp_path: Path) -> None:
    keys = memory_keys()
    path = tmp_path / "replicas" / "r.sqlite3"
    replica = Replica.open(path, keys)
    _load(replica)
    replica.close()
    old_key = keys.load(path)
    keys.forget(path)
    assert keys.load(path) is None
    new = Replica.open(path, keys)
    try:
        assert _outbox(new) == []
        assert new.meta("cursor") is None  # the next pull downloads the store again
        assert _search(new, "lefevre") == []
        _load(new)
        assert _search(new, "lefevre") == ["C1"]
    finally:
        new.close()
    assert keys.load(path) not in (None, old_key)
    with pytest.raises(DomainError) as caught:
        database.connect(path, old_key)
    assert caught.value.code == "replica.wrong_key"


class _LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the keyring is locked")


def test_a_keyring_that_cannot_be_read_now_leaves_the_replica_alone(tmp_path: Path) -> None:
    backend = MemoryKeyring()
    path = tmp_path / "r.sqlite3"
    Replica.open(path, ReplicaKeys(backend)).close()
    before = path.read_bytes()
    locked = _LockedKeyring()
    locked.entries = backend.entries
    with pytest.raises(DomainError) as caught:
        Replica.open(path, ReplicaKeys(locked))
    assert caught.value.code == "replica.key_unavailable"
    assert path.read_bytes() == before
    Replica.open(path, ReplicaKeys(backend)).close()  # unlocked: the same key opens it


def test_the_key_lives_where_the_tokens_do_never_in_clear(tmp_path: Path) -> None:
    paths = Paths.for_user(tmp_path / "device")
    path = paths.replica_file("https://api.example", "seller1")
    # An OS keyring: the key is an entry there, nothing on disk.
    backend = MemoryKeyring()
    keys = ReplicaKeys.for_device(paths, TokenStore(backend))
    assert keys.backend is backend
    Replica.open(path, keys).close()
    assert list(backend.entries) == [(SERVICE, str(path.resolve()))]
    # No keyring and tokens in memory, or the file chosen: the device-bound encrypted file.
    for tokens in (TokenStore(fail.Keyring()), TokenStore.for_device(paths, "file")):
        chosen = ReplicaKeys.for_device(paths, tokens).backend
        assert isinstance(chosen, EncryptedFileKeyring)
        assert chosen.folder == paths.config_dir
    keys = ReplicaKeys.for_device(paths, TokenStore(fail.Keyring()))
    path.unlink()
    Replica.open(path, keys).close()
    key = keys.load(path)
    assert key is not None
    assert clear_text_hits(paths.data_dir, {key.hex(), path.name}) == {}
    # Another process of the device finds the same key from the settings alone.
    assert EncryptedFileKeyring(paths.config_dir).get_password(
        SERVICE, str(path.resolve())) == key.hex()


def test_switching_the_token_store_keeps_the_replica(tmp_path: Path) -> None:
    paths = Paths.for_user(tmp_path / "device")
    path = paths.replica_file("https://api.example", "seller1")
    system = MemoryKeyring()
    replica = Replica.open(path, ReplicaKeys.for_device(paths, TokenStore(system)))
    pending = _load(replica)
    replica.close()
    # The person now keeps the sign-in in the device's file: the key follows it there.
    tokens = TokenStore(system)
    tokens.use_file(paths)
    moved = ReplicaKeys.for_device(paths, tokens)
    replica = Replica.open(path, moved)
    try:
        assert [row[0] for row in _outbox(replica)] == [pending]
    finally:
        replica.close()
    assert system.entries == {}
    assert isinstance(moved.backend, EncryptedFileKeyring) and moved.load(path) is not None
    # And back to the OS keyring.
    back = ReplicaKeys.for_device(paths, TokenStore(system))
    Replica.open(path, back).close()
    assert list(system.entries) == [(SERVICE, str(path.resolve()))]
    assert EncryptedFileKeyring(paths.config_dir).get_password(
        SERVICE, str(path.resolve())) is None


def test_a_wiped_replica_leaves_no_file_and_no_key(tmp_path: Path) -> None:
    keys = memory_keys()
    path = tmp_path / "replicas" / "r.sqlite3"
    replica = Replica.open(path, keys)
    _load(replica)
    replica.close()
    database.destroy(path, keys)
    assert files_under(path.parent) == []
    assert keys.load(path) is None
    again = Replica.open(path, keys)  # the next sign-in starts a new, empty replica
    try:
        assert _outbox(again) == [] and _search(again, "lefevre") == []
    finally:
        again.close()
