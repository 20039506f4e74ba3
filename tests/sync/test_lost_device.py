"""A lost device (issue 13), against the real server: revoked by its store it wipes its replica
and tokens at its next contact and sends nothing more, `clienteling sync --once` says so and
exits non-zero; out of contact longer than its lock delay (a moved clock, no sleeping) it sends
what it can and wipes at the next start; at each contact it reports its unsent work, which the
manager sees as "lost with the device" once it is revoked."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from clienteling.cli import main
from clienteling.device import Device
from clienteling.device_guard import DAY, NO_CONTACT, REVOKED, ContactLog
from clienteling.replica.key import ReplicaKeys
from clienteling.settings import Paths, TokenStore
from clienteling.unlock import PinStore
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import PASSWORD, LiveServer, write_settings

MakeDevice = Callable[..., Device]


def _admin(server: LiveServer) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.token('admin1')}"}


def _device_id(server: LiveServer, name: str) -> int:
    devices = requests.get(f"{server.url}/api/v1/devices", headers=_admin(server),
                           timeout=10).json()
    return max(d["device_id"] for d in devices if d["name"] == name)  # type: ignore[no-any-return]


def _revoke(server: LiveServer, name: str) -> int:
    device_id = _device_id(server, name)
    answer = requests.post(f"{server.url}/api/v1/devices/{device_id}/revoke",
                           headers=_admin(server), timeout=10)
    assert answer.status_code == 200, answer.text
    return device_id


def _replica_files(tablet: Device) -> list[Path]:
    return sorted(tablet.session.paths.replicas_dir.glob("*"))


def test_a_revoked_device_wipes_at_its_next_sync_and_sends_nothing_more(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice, tmp_path: Path) -> None:
    token = server.token("admin1")
    customer = server.enrol(token, "Hélène", "Lefèvre")
    tablet = device(device_name="lost tablet")
    assert tablet.sync.sync_now().state == "online"
    tablet.customers.add_note(customer["customer_id"], "Sent before the loss")
    assert tablet.sync.sync_now().waiting == 0
    tablet.customers.add_note(customer["customer_id"], "Written after the revocation")
    pins = PinStore(tablet.session.paths)
    pins.set_pin(proxy.url, "seller1", "2468")
    device_id = _revoke(server, "lost tablet")
    assert _replica_files(tablet)
    replica = tablet.session.paths.replica_file(proxy.url, "seller1")
    keys = ReplicaKeys.for_settings(tablet.session.paths, tablet.session.settings)
    assert keys.load(replica) is not None

    status = tablet.sync.sync_now()
    assert (status.state, status.reason) == ("needs_sign_in", "auth.device_revoked")
    assert not tablet.session.signed_in
    assert _replica_files(tablet) == []  # the file, -wal, -shm and the contact log
    notice = tablet.session.wipe_notice()
    assert notice is not None and notice.reason == REVOKED and notice.removed >= 1
    settings = tablet.session.settings
    assert settings.username is None and settings.store_id is None
    assert not pins.has_pin(proxy.url, "seller1")  # nothing left to unlock
    assert keys.load(replica) is None  # database.destroy forgot the replica's key
    # Nothing more was sent: the note written after the revocation never reached the server.
    timeline = requests.get(f"{server.url}/api/v1/customers/{customer['customer_id']}/timeline",
                            headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    notes = [e["summary"] for e in timeline if e["kind"] == "note"]
    assert notes == ["Sent before the loss"]
    # The note was written after the device's last contact: the server never heard of it
    # (the next test has a device that reported its unsent work before the loss).
    lost = requests.get(f"{server.url}/api/v1/devices/{device_id}/lost",
                        headers=_admin(server), timeout=10).json()
    assert (lost["revoked"], lost["entries"]) == (True, [])


def test_unsent_work_is_reported_at_each_contact_and_lost_with_a_revoked_device(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice) -> None:
    token = server.token("admin1")
    customer = server.enrol(token, "Jean", "Dupont")
    tablet = device(device_name="shop tablet")
    assert tablet.sync.sync_now().state == "online"
    # The note's own request fails (the server is busy), the report that follows goes through.
    server.faults.fail("POST", f"/api/v1/customers/{customer['customer_id']}/notes",
                       times=100)
    tablet.customers.add_note(customer["customer_id"], "Aime le bleu")
    status = tablet.sync.sync_now()
    assert status.waiting == 1
    device_id = _revoke(server, "shop tablet")
    lost = requests.get(f"{server.url}/api/v1/devices/{device_id}/lost",
                        headers=_admin(server), timeout=10).json()
    assert [(e["kind"], e["customer_id"]) for e in lost["entries"]] == [
        ("note.add", customer["customer_id"])]
    server.faults.clear()
    tablet.sync.sync_now()
    assert not tablet.session.signed_in and _replica_files(tablet) == []


def test_clienteling_sync_once_says_the_device_was_revoked(
        server: LiveServer, proxy: FaultProxy, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "kiosk"
    write_settings(folder, device_name="sync box", token_store="file")
    with Device(folder) as tablet:
        tablet.session.sign_in(proxy.url, "seller1", PASSWORD)
        assert tablet.sync.sync_now().state == "online"
        replica = tablet.session.paths.replica_file(proxy.url, "seller1")
    store = TokenStore.for_device(Paths.for_user(folder), "file")
    assert store.load(proxy.url, "seller1") is not None
    _revoke(server, "sync box")

    code = main(["sync", "--once", "--data-dir", str(folder)])
    err = capsys.readouterr().err
    assert code == 5
    assert "This device was revoked by its store" in err and "erased" in err
    assert not replica.exists()
    assert not any(replica.parent.glob(replica.name + "*"))
    fresh = TokenStore.for_device(Paths.for_user(folder), "file")
    assert fresh.load(proxy.url, "seller1", fresh=True) is None
    # Signed out for good: the next run says why again, and so does `status`.
    assert main(["sync", "--once", "--data-dir", str(folder)]) == 5
    assert "revoked" in capsys.readouterr().err
    assert main(["status", "--json", "--data-dir", str(folder)]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["signed_in"], status["wiped"]["reason"]) == (False, "revoked")


def test_out_of_contact_past_the_lock_delay_it_wipes_at_the_next_start(
        server: LiveServer, proxy: FaultProxy, tmp_path: Path) -> None:
    token = server.token("admin1")
    customer = server.enrol(token, "Marc", "Lyonnais")
    folder = tmp_path / "tablet"
    write_settings(folder, device_name="drawer tablet", token_store="file")
    now = [time.time()]
    with Device(folder, clock=lambda: now[0]) as tablet:
        tablet.session.sign_in(proxy.url, "seller1", PASSWORD)
        replica = tablet.session.paths.replica_file(proxy.url, "seller1")
        assert ContactLog(replica).lock_days() == 14  # the server's setting, told at sign-in
        assert tablet.sync.sync_now().state == "online"
        tablet.customers.add_note(customer["customer_id"], "Offline for a fortnight")

    # 13 days later: still within the delay, nothing happens.
    now[0] += 13 * DAY
    with Device(folder, clock=lambda: now[0]) as tablet:
        assert tablet.session.signed_in and replica.exists()
    # 15 days after the last contact: the device sends what it can (the server still takes
    # it), then wipes.
    now[0] += 2 * DAY
    with Device(folder, clock=lambda: now[0]) as tablet:
        assert not tablet.session.signed_in
        notice = tablet.session.wipe_notice()
        assert notice is not None and (notice.reason, notice.days) == (NO_CONTACT, 14)
    assert not replica.exists()
    timeline = requests.get(f"{server.url}/api/v1/customers/{customer['customer_id']}/timeline",
                            headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
    assert "Offline for a fortnight" in [e["summary"] for e in timeline]



def test_out_of_contact_and_unreachable_it_still_wipes_and_says_why(
        server: LiveServer, proxy: FaultProxy, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "stolen"
    write_settings(folder, device_name="stolen tablet", token_store="file")
    with Device(folder) as tablet:
        tablet.session.sign_in(proxy.url, "seller1", PASSWORD)
        assert tablet.sync.sync_now().state == "online"
        replica = tablet.session.paths.replica_file(proxy.url, "seller1")
    # Its last contact was 15 days ago (the log written as a clock 15 days back would have).
    ContactLog(replica, clock=lambda: time.time() - 15 * DAY).record()
    proxy.refuse()  # kept away from the network, as a thief would
    # The headless sync meets the lock at its start: it wipes, says why, exits 5.
    assert main(["sync", "--once", "--data-dir", str(folder)]) == 5
    err = capsys.readouterr().err
    assert "had not reached the server for more than 14 days" in err and "erased" in err
    assert not any(replica.parent.glob(replica.name + "*"))
    store = TokenStore.for_device(Paths.for_user(folder), "file")
    assert store.load(proxy.url, "seller1", fresh=True) is None


def test_in_child_mode_the_child_wipes_and_the_app_signs_out_with_the_reason(
        server: LiveServer, proxy: FaultProxy, device: MakeDevice) -> None:
    """The app's way (`start_sync(in_child=True)`): the child, which owns the replica, learns
    of the revocation, wipes, says so on its lines; the app finishes (key, tokens, PIN),
    signs out and keeps the notice its sign-in page shows."""
    from clienteling.sync.child import ChildSync
    from tests.sync.live import wait_for

    tablet = device(device_name="child tablet")
    heard: list[bool] = []
    tablet.sync.subscribe(lambda changes: heard.append(changes.reset))
    tablet.sync.start_sync(in_child=True)
    engine = tablet.sync._need().engine
    assert isinstance(engine, ChildSync)
    wait_for(lambda: tablet.sync.sync_status().state == "online", timeout=60, message="online")
    pid = engine.pid
    assert pid is not None
    pins = PinStore(tablet.session.paths)
    pins.set_pin(proxy.url, "seller1", "2468")
    replica = tablet.session.paths.replica_file(proxy.url, "seller1")
    keys = ReplicaKeys.for_settings(tablet.session.paths, tablet.session.settings)
    assert keys.load(replica) is not None
    _revoke(server, "child tablet")

    status = tablet.sync.sync_now()  # the child's cycle meets the revocation
    assert (status.state, status.reason) == ("needs_sign_in", "auth.device_revoked")
    wait_for(lambda: not tablet.session.signed_in, timeout=30, message="the wipe")
    notice = tablet.session.wipe_notice()
    assert notice is not None and notice.reason == REVOKED
    assert _replica_files(tablet) == []
    assert keys.load(replica) is None
    assert not pins.has_pin(proxy.url, "seller1")
    assert tablet.session.settings.username is None
    assert True in heard  # the app's subscribers were told (the UI shows the sign-in page)
    assert not engine.running
    assert tablet.sync.sync_status().state == "needs_sign_in"


def test_in_child_mode_the_lock_delay_still_wipes_at_the_status_check(
        server: LiveServer, proxy: FaultProxy, tmp_path: Path) -> None:
    from clienteling.sync.child import ChildSync
    from tests.sync.live import wait_for

    folder = tmp_path / "child-drawer"
    write_settings(folder, device_name="drawer child", token_store="file")
    now = [time.time()]
    with Device(folder, clock=lambda: now[0]) as tablet:
        tablet.session.sign_in(proxy.url, "seller1", PASSWORD)
        tablet.sync.start_sync(in_child=True)
        assert isinstance(tablet.sync._need().engine, ChildSync)
        wait_for(lambda: tablet.sync.sync_status().state == "online", timeout=60,
                 message="online")
        replica = tablet.session.paths.replica_file(proxy.url, "seller1")
        proxy.refuse()  # no contact from now on
        now[0] += 15 * DAY
        assert tablet.sync.sync_status().state == "needs_sign_in"
        assert not tablet.session.signed_in
        notice = tablet.session.wipe_notice()
        assert notice is not None and (notice.reason, notice.days) == (NO_CONTACT, 14)
    assert not any(replica.parent.glob(replica.name + "*"))
