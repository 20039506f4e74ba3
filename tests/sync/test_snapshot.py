"""A first sync from the store's snapshot (`clienteling.sync.snapshot`, GET /sync/snapshot):
it ends equal to a page-by-page download of the feed, holds only the device's scope, loses no
write racing the build, resumes a cut download (Range), and a device killed mid-download or
mid-apply resumes and ends with exactly the server's state."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import requests

from clienteling.api.client import ApiClient, SnapshotStart, TransportError
from clienteling.replica import schema
from clienteling.replica.database import Replica
from clienteling.server.feed import snapshot as server_snapshot
from clienteling.server.feed.snapshot import SnapshotCache
from clienteling.sync import snapshot as device_snapshot
from clienteling.sync.pull import CURSOR, is_partial, pull
from tests.sync import faultproxy as fp
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import PASSWORD, LiveServer, dump, fresh_download

CURRENT = {"schema": schema.SCHEMA_VERSION}  # the replica schema this build reads
OLDER = schema.SCHEMA_VERSION - 1

SNAPSHOT = "/api/v1/sync/snapshot"
FEED = "/api/v1/sync/changes"
KEY = bytes(range(32))
ROOT = Path(__file__).resolve().parents[2]


class CountingClient(ApiClient):
    """A client that counts feed pages and remembers where each snapshot answer started."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.pages = 0
        self.starts: list[SnapshotStart] = []

    def changes(self, cursor: str | None, limit: int) -> dict[str, Any]:
        self.pages += 1
        return super().changes(cursor, limit)

    def download_snapshot(self, schema: int, target: Path, **kwargs: Any) -> SnapshotStart:
        heard = kwargs["on_start"]

        def on_start(start: SnapshotStart) -> None:
            self.starts.append(start)
            heard(start)

        kwargs["on_start"] = on_start
        return super().download_snapshot(schema, target, **kwargs)


def signed_in(url: str, username: str = "seller1") -> CountingClient:
    client = CountingClient(url)
    client.login(username, PASSWORD, "snapshot-test")
    return client


def open_replica(path: Path) -> Replica:
    return Replica._open_with_key(path, KEY)


def enrol(server: LiveServer, count: int, home: str = "PAR01", tag: str = "") -> list[str]:
    token = server.token("admin1")
    return [server.enrol(token, f"Prénom{tag}{i}", f"Nom{tag}{i}", home=home,
                         phone=f"06 12 34 {i // 100:02d} {i % 100:02d}")["customer_id"]
            for i in range(count)]


def held(server: LiveServer, replica: Replica, tmp_path: Path) -> None:
    server.settle()
    expected = fresh_download(server.url, "seller1", tmp_path)
    got = dump(replica)
    for name in expected:
        assert got[name] == expected[name], (name, len(got[name]), len(expected[name]),
                                             set(got[name]) ^ set(expected[name]))


def test_a_first_sync_comes_from_the_snapshot_then_the_feed_from_its_cursor(
        server: LiveServer, tmp_path: Path) -> None:
    ours = enrol(server, 30)
    theirs = enrol(server, 3, home="LYS01", tag="x")
    server.settle()
    client = signed_in(server.url)
    replica = open_replica(tmp_path / "replica.sqlite3")
    try:
        seen: list[int] = []
        report = pull(replica, client, page_size=7, progress=lambda p: seen.append(p.changes))
        # One snapshot and one feed page after it, not the 30 customers' pages of seven.
        assert len(client.starts) == 1 and client.pages == 1
        assert report.complete and not is_partial(replica)
        assert seen == sorted(seen) and seen[-1] >= 30
        assert not device_snapshot.snapshot_file(replica).exists()
        with replica.read() as conn:
            ids = set(conn.exec_driver_sql("SELECT customer_id FROM customers").scalars())
            # The search index is rebuilt from the copied rows.
            found = conn.exec_driver_sql(
                "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH 'prenom1*'"
            ).scalar_one()
        assert set(ours) <= ids and not set(theirs) & ids  # another store's stay there
        assert found == 11
        held(server, replica, tmp_path)
        # Then deltas from the snapshot's cursor; a snapshot file a kill left after its apply
        # committed (customer data in clear) goes at the next pull.
        leftover = device_snapshot.snapshot_file(replica)
        leftover.write_bytes(b"SQLite format 3\x00")
        more = enrol(server, 4, tag="y")
        server.settle()
        pull(replica, client, page_size=7)
        assert not leftover.exists() and len(client.starts) == 1
        with replica.read() as conn:
            ids = set(conn.exec_driver_sql("SELECT customer_id FROM customers").scalars())
        assert set(more) <= ids
        held(server, replica, tmp_path)
    finally:
        replica.close()
        client.close()


def test_a_snapshot_carries_the_client_book_figures_the_feed_would(
        server: LiveServer, tmp_path: Path) -> None:
    # Customers with orders: the replica's stored figures (lifetime value, orders, channels)
    # come out of a snapshot exactly as a page-by-page download computes them.
    ours = enrol(server, 3, tag="f")
    token = server.token("seller1")
    for n, customer_id in enumerate(ours):
        for _ in range(n + 1):
            answer = requests.post(
                f"{server.url}/api/v1/orders", timeout=10,
                headers={"Authorization": f"Bearer {token}",
                         "Idempotency-Key": os.urandom(8).hex()},
                json={"customer_id": customer_id, "origin_store_id": "PAR01",
                      "fulfillment": {"type": "click_and_collect", "store_id": "PAR01"},
                      "lines": [{"sku": "SKU-1001", "quantity": 1}],
                      "payment": {"mode": "pay_at_pickup"}})
            assert answer.status_code == 201, answer.text
    server.settle()
    client = signed_in(server.url)
    replica = open_replica(tmp_path / "replica.sqlite3")
    try:
        pull(replica, client, page_size=7)
        assert len(client.starts) == 1
        with replica.read() as conn:
            counts = dict(conn.exec_driver_sql(
                "SELECT customer_id, orders_count FROM customers WHERE customer_id IN "
                f"({', '.join('?' for _ in ours)})", tuple(ours)).all())
        assert counts == {c: n + 1 for n, c in enumerate(ours)}
        held(server, replica, tmp_path)
    finally:
        replica.close()
        client.close()


def test_a_write_racing_the_build_reaches_the_device(
        server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    enrol(server, 12)
    server.settle()
    token = server.token("admin1")
    racing: list[str] = []
    real = server_snapshot._write_batch

    def write_then_race(db: Any, batch: list[Any]) -> None:
        real(db, batch)
        if not racing:  # the build has read its rows: a customer is enrolled meanwhile
            racing.append(server.enrol(token, "Concurrente", "Pendant", home="PAR01")
                          ["customer_id"])

    monkeypatch.setattr(server_snapshot, "_write_batch", write_then_race)
    client = signed_in(server.url)
    replica = open_replica(tmp_path / "replica.sqlite3")
    try:
        pull(replica, client, page_size=50)
        assert racing and len(client.starts) == 1
        server.settle()
        pull(replica, client, page_size=50)
        with replica.read() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM customers WHERE customer_id = ?",
                                        (racing[0],)).scalar_one() == 1
        held(server, replica, tmp_path)
    finally:
        replica.close()
        client.close()


def test_a_cut_download_resumes_where_it_stopped(
        server: LiveServer, proxy: FaultProxy, tmp_path: Path) -> None:
    enrol(server, 40)
    server.settle()
    proxy.add(fp.CUT, "GET", SNAPSHOT, times=1)
    client = signed_in(proxy.url)
    replica = open_replica(tmp_path / "replica.sqlite3")
    try:
        with pytest.raises(TransportError):
            pull(replica, client, page_size=50)
        part = device_snapshot.snapshot_file(replica)
        size = client.starts[0].size
        assert 0 < part.stat().st_size < size
        assert replica.meta(CURSOR) is None
        pull(replica, client, page_size=50)
        # The second answer was the rest of the same file (206), not the whole again.
        assert client.starts[1].offset > 0 and client.starts[1].etag == client.starts[0].etag
        assert not part.exists()
        held(server, replica, tmp_path)
    finally:
        replica.close()
        client.close()


def test_the_snapshot_is_served_with_etag_length_and_ranges(server: LiveServer) -> None:
    enrol(server, 5)
    server.settle()
    headers = {"Authorization": f"Bearer {server.token('seller1')}"}
    url = f"{server.url}{SNAPSHOT}"
    whole = requests.get(url, params=CURRENT, headers=headers, timeout=30)
    assert whole.status_code == 200, whole.text
    assert int(whole.headers["Content-Length"]) == len(whole.content)
    assert whole.content.startswith(b"SQLite format 3\x00")
    etag = whole.headers["ETag"]
    part = requests.get(url, params=CURRENT, timeout=30,
                        headers={**headers, "Range": "bytes=100-", "If-Range": etag})
    assert part.status_code == 206 and part.content == whole.content[100:]
    other = requests.get(url, params=CURRENT, timeout=30,
                         headers={**headers, "Range": "bytes=100-", "If-Range": '"old"'})
    assert other.status_code == 200 and other.content == whole.content
    wrong = requests.get(url, params={"schema": OLDER}, headers=headers, timeout=30)
    assert wrong.status_code == 409 and wrong.json()["code"] == "sync.snapshot_schema"
    assert requests.get(url, params=CURRENT, timeout=30).status_code == 401


def test_a_stale_snapshot_is_rebuilt_once_and_builds_are_not_doubled(
        server: LiveServer, tmp_path: Path) -> None:
    enrol(server, 5)
    server.settle()
    cache = SnapshotCache(tmp_path / "snapshots", server.sessions, nearest=10, max_age=3600,
                          max_distance=3)
    first = cache.rebuild("PAR01")
    assert first is not None and cache.current("PAR01") == first
    with server.sessions() as session:
        assert cache.is_fresh(session, first)
    assert cache.rebuild("PAR01") == first  # fresh: not built again
    enrol(server, 3, tag="z")
    server.settle()
    with server.sessions() as session:
        assert not cache.is_fresh(session, first)  # three changes behind: stale
    # Two builders at once (two worker processes, two tablets): one builds, one is told so.
    with cache._lock("PAR01", wait=True):
        assert cache.rebuild("PAR01", wait=False) is None
    second = cache.rebuild("PAR01")
    # Three customers more, each with the timeline entry of their enrolment.
    assert second is not None and second.etag != first.etag and second.rows == first.rows + 6
    assert cache.path(first).exists()  # kept a while: a download of it may still resume


VICTIM = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import clienteling.api.client as api
    from clienteling.api.client import ApiClient
    from clienteling.replica.database import Replica
    from clienteling.sync.pull import pull

    path, url, where = sys.argv[1], sys.argv[2], sys.argv[3]
    replica = Replica._open_with_key(Path(path), bytes(range(32)))
    client = ApiClient(url)
    client.login("seller1", {password!r}, "victim")
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)
    if where == "download":
        api.SNAPSHOT_CHUNK = 4096
        real = client.download_snapshot
        def download(schema, target, **kw):
            def on_bytes(done, total):
                if done * 2 >= total:
                    die()
            kw["on_bytes"] = on_bytes
            return real(schema, target, **kw)
        client.download_snapshot = download
    else:
        real_set = Replica.set_meta
        def set_meta(conn, key, value):
            if key == "cursor":  # the rows are in, inside the transaction: die before COMMIT
                die()
            real_set(conn, key, value)
        Replica.set_meta = staticmethod(set_meta)
    pull(replica, client, page_size=50)
    sys.exit(3)  # never reached
""")


@pytest.mark.parametrize("where", ["download", "apply"])
def test_a_device_killed_mid_snapshot_resumes_and_ends_with_the_servers_state(
        server: LiveServer, tmp_path: Path, where: str) -> None:
    enrol(server, 150)
    server.settle()
    path = tmp_path / "replica.sqlite3"
    victim = subprocess.run(
        [sys.executable, "-c", VICTIM.format(password=PASSWORD), str(path), server.url, where],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        timeout=120)
    assert victim.returncode == -signal.SIGKILL, victim.stderr.decode()
    client = signed_in(server.url)
    replica = open_replica(path)
    try:
        with replica.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("SELECT count(*) FROM customers").scalar_one() == 0
        part = device_snapshot.snapshot_file(replica)
        assert replica.meta(CURSOR) is None and part.exists()
        kept = part.stat().st_size
        pull(replica, client, page_size=50)
        if where == "download":
            assert kept > 0 and client.starts[0].offset == kept  # resumed, not started over
        else:
            assert client.starts == []  # the whole file was there: applied without the network
        assert not part.exists()
        held(server, replica, tmp_path)
    finally:
        replica.close()
        client.close()



def test_a_wipe_shreds_a_snapshot_left_beside_the_replica(tmp_path: Path) -> None:
    from clienteling.replica.database import destroy
    from tests.replica.keys import memory_keys

    keys = memory_keys()
    path = tmp_path / "replica.sqlite3"
    Replica.open(path, keys).close()
    part = path.with_name(path.name + ".snapshot")
    part.write_bytes("SQLite format 3\x00 Hélène Lefèvre".encode())
    destroy(path, keys)
    assert not part.exists() and not path.exists()


def test_a_snapshot_brought_forward_equals_one_built_from_nothing(
        server: LiveServer, tmp_path: Path) -> None:
    """A rebuild reads only the changes after the last snapshot's cursor, deletes included."""
    ours = enrol(server, 8)
    server.settle()
    first, again, fresh = (tmp_path / n for n in ("first.sqlite3", "again.sqlite3",
                                                    "fresh.sqlite3"))
    with server.sessions() as session:
        cursor, _ = server_snapshot.build(session, store_id="PAR01", nearest=10, target=first)
    token = server.token("admin1")
    enrol(server, 3, tag="w")
    # A customer who moves to another store leaves PAR01's feed (deletes, children first).
    moved = requests.patch(f"{server.url}/api/v1/customers/{ours[0]}", timeout=10,
                           headers={"Authorization": f"Bearer {token}"},
                           json={"version": 1, "home_store_id": "LYS01"})
    assert moved.status_code == 200, moved.text
    server.settle()
    with server.sessions() as session:
        forward = server_snapshot.build(session, store_id="PAR01", nearest=10, target=again,
                                        base=(first, cursor))
        whole = server_snapshot.build(session, store_id="PAR01", nearest=10, target=fresh)
    assert forward == whole

    def tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
        import sqlite3

        db = sqlite3.connect(path)
        try:
            return {t.name: sorted(db.execute(f"SELECT * FROM {t.name}").fetchall())
                    for t in (schema.meta, *schema.SERVER_TABLES)}
        finally:
            db.close()

    assert tables(again) == tables(fresh)
    assert ours[0] not in {r[0] for r in tables(fresh)["customers"]}
