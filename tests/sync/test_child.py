"""The sync in a child process (`device.sync.start_sync(in_child=True)`): the same notifications
and status as the thread, a child killed mid-pull leaves the replica whole and is started
again, sign-out and the app's end stop it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from clienteling.device import Device
from clienteling.replica.database import Replica
from clienteling.replica.key import ReplicaKeys
from clienteling.replica.views import ChangeSet
from clienteling.sync import child
from clienteling.sync.engine import EngineState
from clienteling.sync.status import PullProgress
from tests.replica.keys import device_keys, memory_keys
from tests.sync import faultproxy as fp
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import PASSWORD, LiveServer, assert_replica_matches_server, wait_for

MakeDevice = Callable[..., Device]
FEED = "/api/v1/sync/changes"


def replica_path(facade: Device) -> Path:
    s = facade.session.settings
    assert s.server_url and s.username
    return facade.session.paths.replica_file(s.server_url, s.username)


def runner(facade: Device) -> child.ChildSync:
    engine = facade.sync._need().engine
    assert isinstance(engine, child.ChildSync)
    return engine


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie still answers kill(0): it has ended all the same.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except (OSError, IndexError):
        return True


def enrol(server: LiveServer, count: int) -> list[dict]:
    token = server.token("admin1")
    return [server.enrol(token, f"Prénom{i}", f"Nom{i}", phone=f"06 12 34 56 {i:02d}")
            for i in range(count)]


def test_the_protocol_keeps_changes_state_and_tokens() -> None:
    changes = ChangeSet(entities={"customer": frozenset({"C1", "C2"})},
                        customers=frozenset({"C1"}), outbox=True, status=True)
    assert child.decode_changes(child.encode_changes(changes)) == changes
    state = EngineState("online", None, None, True, PullProgress(14, True, True))
    assert child.decode_state(child.encode_state(state)) == state
    assert child.decode_state(child.encode_state(EngineState())) == EngineState()
    assert child.read_message(b"not json\n") is None
    assert child.read_message(b"[1]\n") is None


def test_the_child_syncs_and_the_app_hears_everything(
        server: LiveServer, device: MakeDevice, tmp_path: Path) -> None:
    people = enrol(server, 4)
    facade = device()
    heard: list[ChangeSet] = []
    states: list[str] = []

    def watch(changes: ChangeSet) -> None:
        heard.append(changes)
        if changes.status:
            states.append(facade.sync.sync_status().state)

    facade.sync.subscribe(watch)
    facade.sync.start_sync(in_child=True)
    sync = runner(facade)
    wait_for(lambda: sync.pid is not None, message="the child")
    assert sync.pid != os.getpid()
    wait_for(lambda: facade.sync.sync_status().state == "online"
             and not facade.sync.sync_status().partial, timeout=60, message="the first sync")
    # What the child applied was announced here: the store's snapshot as a whole (a reset: the
    # screens reload everything).
    assert any(c.reset for c in heard)
    assert "syncing" in states or "offline" in states
    # A write here wakes the child, which sends it; the app hears the outbox empty.
    entry = facade.customers.add_note(people[0]["customer_id"], "Aime le bleu")
    wait_for(lambda: facade.sync.sync_status().waiting == 0, timeout=30, message="the note sent")
    # The replica says so first; the child's notice crosses the pipe just after.
    wait_for(lambda: any(c.outbox and not c.status for c in heard), timeout=10,
             message="the outbox's change heard")
    view = facade.customers.customer_360(people[0]["customer_id"])
    assert any("Aime le bleu" in (i.summary or "") for i in view.timeline), entry
    # Sync now goes through the child too, with its progress.
    status = facade.sync.sync_now()
    assert status.state == "online"
    pid = sync.pid
    facade.sync.stop_sync()
    assert pid is not None and gone(pid) and not sync.running
    assert_replica_matches_server(replica_path(facade), server, "seller1", tmp_path)


def test_a_child_killed_mid_pull_leaves_the_replica_whole_and_is_started_again(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, tmp_path: Path) -> None:
    enrol(server, 12)
    facade = device()
    reasons: list[str | None] = []
    facade.sync.subscribe(lambda c: reasons.append(facade.sync.sync_status().reason) if c.status
                     else None)
    # The first page goes through; the second reaches the server and its answer is held.
    proxy.add(fp.PASS, "GET", FEED, times=1)
    proxy.add(fp.HOLD, "GET", FEED, times=1)
    facade.sync.start_sync(in_child=True)
    sync = runner(facade)
    assert proxy.held.wait(30)
    victim = sync.pid
    assert victim is not None
    os.kill(victim, signal.SIGKILL)
    proxy.release.set()
    wait_for(lambda: sync.restarts >= 1 and sync.pid not in (None, victim), timeout=30,
             message="a new child")
    assert child.STOPPED in reasons  # the header said so meanwhile
    # The replica was consistent after the kill: SQLite's own check, then the new child
    # resumes and ends equal to the server.
    replica = Replica.open(replica_path(facade), device_keys(replica_path(facade)))
    try:
        with replica.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        replica.close()
    wait_for(lambda: facade.sync.sync_status().state == "online"
             and not facade.sync.sync_status().partial, timeout=60, message="the resumed sync")
    facade.sync.stop_sync()
    assert_replica_matches_server(replica_path(facade), server, "seller1", tmp_path)


def test_sign_out_stops_the_child(server: LiveServer, device: MakeDevice) -> None:
    facade = device()
    facade.sync.start_sync(in_child=True)
    sync = runner(facade)
    wait_for(lambda: facade.sync.sync_status().state == "online", timeout=60, message="online")
    pid = sync.pid
    assert pid is not None
    facade.session.sign_out()
    assert gone(pid) and not sync.running


def test_the_child_ends_with_the_app(server: LiveServer, tmp_path: Path) -> None:
    """The app killed outright: the child's input ends, and so does the child."""
    from tests.sync.live import write_settings

    folder = tmp_path / "device"
    write_settings(folder)
    app = textwrap.dedent(f"""
        import sys, time
        from clienteling.device import Device
        facade = Device({str(folder)!r})
        facade.session.sign_in({server.url!r}, "seller1", {PASSWORD!r})
        facade.sync.start_sync(in_child=True)
        engine = facade.sync._need().engine
        while engine.pid is None:
            time.sleep(0.01)
        print(engine.pid, flush=True)
        time.sleep(120)
    """)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    proc = subprocess.Popen([sys.executable, "-c", app], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None
        pid = int(proc.stdout.readline())
        assert not gone(pid)
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    wait_for(lambda: gone(pid), timeout=20, message="the child to end with the app")


def test_a_child_that_keeps_dying_is_restarted_with_backoff_and_reported(tmp_path: Path
                                                                         ) -> None:
    from clienteling.api.client import ApiClient

    keys = memory_keys()
    replica = Replica.open(tmp_path / "replica.sqlite3", keys)
    client = ApiClient("http://127.0.0.1:9")
    heard: list[ChangeSet] = []
    sync = child.ChildSync(replica, client, keys=keys, notify=heard.append,
                           command=[sys.executable, "-c", "import sys; sys.exit(3)"],
                           restart_base=0.05, restart_cap=0.2)
    try:
        sync.start()
        wait_for(lambda: sync.restarts >= 3, timeout=20, message="three restarts")
        status = sync.status()
        assert status.state == "error" and status.reason == child.STOPPED
        assert status.detail is not None and "exit code 3" in status.detail
        assert any(c.status for c in heard)
    finally:
        sync.stop()
        client.close()
        replica.close()
    assert not sync.running


def test_restart_delays_double_up_to_the_cap() -> None:
    assert [child.restart_delay(n, 0.5, 30.0) for n in range(1, 10)] == [
        0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    assert child.restart_delay(10_000, 0.5, 30.0) == 30.0


def test_the_child_opens_the_replica_with_the_apps_key_wherever_the_app_keeps_it(
        server: LiveServer, proxy: FaultProxy, tmp_path: Path) -> None:
    """The app's keys here live in a keyring only this process knows: the child, given the key
    in its hello, opens the same encrypted replica (it must not find the key missing and make
    the replica anew) and the app reads what it downloaded."""
    from clienteling.device import Device
    from clienteling.settings import TokenStore
    from tests.replica.keys import MemoryKeyring
    from tests.sync.live import write_settings

    people = enrol(server, 2)
    folder = tmp_path / "device"
    write_settings(folder)
    ring = MemoryKeyring()
    with Device(folder, token_store=TokenStore(ring)) as app:
        app.session.sign_in(proxy.url, "seller1", PASSWORD)
        path = replica_path(app)
        key_before = ReplicaKeys(ring).load(path)
        assert key_before is not None
        app.sync.start_sync(in_child=True)
        wait_for(lambda: app.sync.sync_status().state == "online"
                 and not app.sync.sync_status().partial, timeout=60, message="the first sync")
        found = {c.customer_id for c in app.customers.search_customers("Nom0")}
        assert people[0]["customer_id"] in found
        assert ReplicaKeys(ring).load(path) == key_before
        app.sync.stop_sync()
