"""`clienteling login`, `sync` and `status` as real processes against the real server, and
`clienteling sync` killed with SIGKILL during a pull and at each step of a push: the next run
ends exactly where an uninterrupted run ends."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from clienteling import device as device_services
from clienteling.replica import database
from clienteling.replica.database import Replica
from clienteling.replica.key import ReplicaKeys
from clienteling.settings import Paths, TokenStore
from tests.sync import faultproxy as fp
from tests.sync.faultproxy import FaultProxy
from tests.sync.file_keyring import ENV_FILE, FileKeyring
from tests.sync.live import (
    PASSWORD,
    LiveServer,
    dump,
    fresh_download,
    wait_for,
    write_settings,
)

ROOT = Path(__file__).resolve().parents[2]
CLI = [str(Path(sys.executable).with_name("clienteling"))]
TIMEOUT = 120


class Device:
    """A device's data dir driven through the `clienteling` command."""

    def __init__(self, folder: Path, server_url: str) -> None:
        self.folder = folder
        self.server_url = server_url
        self.keyring = folder.parent / f"{folder.name}-keyring.json"
        self.env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring",
                    ENV_FILE: str(self.keyring),
                    "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*CLI, *args, "--data-dir", str(self.folder)], input=stdin,
                              capture_output=True, text=True, env=self.env, timeout=TIMEOUT,
                              cwd=ROOT, check=False)

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([*CLI, *args, "--data-dir", str(self.folder)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env=self.env, cwd=ROOT)

    def status(self) -> dict[str, Any]:
        done = self.run("status", "--json")
        assert done.returncode == 0, done.stderr
        lines = done.stdout.strip().splitlines()
        assert len(lines) == 1
        result: dict[str, Any] = json.loads(lines[0])
        return result

    def facade(self) -> device_services.Device:
        return device_services.Device(self.folder,
                                      token_store=TokenStore(FileKeyring(self.keyring)))

    @property
    def replica_path(self) -> Path:
        return Paths.for_user(self.folder).replica_file(self.server_url, "seller1")

    @property
    def keys(self) -> ReplicaKeys:
        """The replica keys the `clienteling` processes of this device use (its keyring)."""
        return ReplicaKeys(FileKeyring(self.keyring))

    def connect(self) -> Any:
        """A raw connection to the device's replica (with its key, as any process opens it)."""
        return database.connect(self.replica_path, self.keys.load(self.replica_path))


def sync_until_done(device: Device, attempts: int = 5) -> subprocess.CompletedProcess[str]:
    for _ in range(attempts):
        done = device.run("sync", "--once")
        if done.returncode == 0:
            return done
    raise AssertionError(f"sync never finished: {done.stdout}\n{done.stderr}")


def signed_in_device(tmp_path: Path, url: str, **settings: Any) -> Device:
    device = Device(tmp_path / "device", url)
    write_settings(device.folder, **settings)
    done = device.run("login", "--server", url, "--username", "seller1", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Signed in as" in done.stdout
    return device


def enrol_many(server: LiveServer, count: int) -> list[str]:
    token = server.token("admin1")
    http = requests.Session()
    ids = []
    for i in range(count):
        answer = http.post(f"{server.url}/api/v1/customers", timeout=10,
                           headers={"Authorization": f"Bearer {token}"},
                           json={"first_name": f"Prénom{i}", "last_name": f"Nom{i}",
                                 "home_store_id": "PAR01", "phone": f"0612{i:06d}"})
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["customer_id"])
    return ids


def test_a_new_user_signs_in_syncs_and_reads_the_status(server: LiveServer,
                                                        tmp_path: Path) -> None:
    enrol_many(server, 5)
    device = signed_in_device(tmp_path, server.url)
    before = device.status()
    assert before["signed_in"] and before["outbox"] == {"waiting": 0, "failed": 0}
    assert before["last_sync_at"] is None and before["tokens_persistent"] is True
    done = device.run("sync", "--once")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pulled" in done.stdout and "online" in done.stdout
    after = device.status()
    assert after["replica"]["customer"] == 5 and after["replica"]["store"] == 3
    assert after["replica"]["product"] == 5 and after["last_sync_at"]
    assert after["outbox"] == {"waiting": 0, "failed": 0} and not after["partial"]
    human = device.run("status")
    assert human.returncode == 0 and "outbox: 0 waiting, 0 failed" in human.stdout
    wrong = Device(tmp_path / "other", server.url)
    write_settings(wrong.folder)
    refused = wrong.run("login", "--server", server.url, "--username", "seller1",
                        stdin="wrong password\n")
    assert refused.returncode == 1 and "auth.bad_credentials" in refused.stderr
    unsigned = wrong.run("sync", "--once")
    assert unsigned.returncode == 4


def test_sync_once_exit_codes_say_what_is_left(server: LiveServer, proxy: FaultProxy,
                                               tmp_path: Path) -> None:
    customer = enrol_many(server, 1)[0]
    device = signed_in_device(tmp_path, proxy.url)
    assert device.run("sync", "--once").returncode == 0
    with device.facade() as facade:
        facade.orders.place_order(customer_id=customer, lines=[("SKU-1002", 40)],
                           fulfillment="click_and_collect", payment_mode="pay_at_pickup")
    proxy.refuse()
    offline = device.run("sync", "--once")
    assert offline.returncode == 2, offline.stdout
    assert device.status()["outbox"] == {"waiting": 1, "failed": 0}
    proxy.listen()
    refused = device.run("sync", "--once")
    assert refused.returncode == 3, refused.stdout
    assert "stock.short" in refused.stdout
    status = device.status()
    assert status["outbox"] == {"waiting": 0, "failed": 1}
    assert status["entries"][0]["problem"]["code"] == "stock.short"


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(TIMEOUT)
    assert process.stdout is not None
    process.stdout.close()


def _wait_lines(process: subprocess.Popen[str], marker: str, count: int) -> bool:
    """Read output until `count` lines containing `marker` went by; False if it ended first."""
    assert process.stdout is not None
    seen = 0
    for line in process.stdout:
        if marker in line:
            seen += 1
            if seen >= count:
                return True
    return False


def test_killed_during_a_pull_the_next_run_ends_where_an_uninterrupted_one_does(
        server: LiveServer, tmp_path: Path) -> None:
    # The feed page by page: a first sync would otherwise come whole from the store's snapshot
    # (whose kills tests/sync/test_snapshot.py covers).
    app = server.faults.app
    app.state.config = dataclasses.replace(app.state.config, snapshots=False)
    enrol_many(server, 150)
    device = signed_in_device(tmp_path, server.url, page_size=4)
    rng = random.Random(20260105)
    cursors = []
    for _ in range(6):
        process = device.start("sync", "--once")
        if _wait_lines(process, "pulled", rng.randint(1, 12)):
            # A random instant after a page: mid-request, mid-transaction or between pages
            # (a random delay, not a wait for something).
            time.sleep(rng.uniform(0.0, 0.05))
            _kill(process)
        else:
            process.wait(TIMEOUT)
        with device.connect() as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            cursor = conn.execute("SELECT value FROM meta WHERE key = 'cursor'").fetchone()
        cursors.append(int(cursor[0].split("-")[1]) if cursor else 0)
    assert cursors == sorted(cursors) and cursors[-1] > 0
    assert device.status()["partial"]
    done = sync_until_done(device)
    assert "pulled" in done.stdout
    replica = Replica.open(device.replica_path, device.keys)
    try:
        held = dump(replica)
    finally:
        replica.close()
    assert held == fresh_download(server.url, "seller1", tmp_path)
    assert not device.status()["partial"]


@pytest.mark.parametrize("step", ["before_sending", "after_commit_before_answer",
                                  "after_answer"])
def test_killed_at_each_step_of_a_push_ends_with_exactly_one_order(
        server: LiveServer, proxy: FaultProxy, tmp_path: Path, step: str) -> None:
    customer = enrol_many(server, 3)[1]
    device = signed_in_device(tmp_path, proxy.url, read_timeout_seconds=30.0)
    assert device.run("sync", "--once").returncode == 0
    with device.facade() as facade:
        number = facade.orders.place_order(
            customer_id=customer, lines=[("SKU-1001", 1), ("SKU-1003", 2)],
            fulfillment="click_and_collect", payment_mode="pay_at_pickup").target
        facade.customers.add_note(customer, "après la commande")
    # The device named the order before sending it: the kill cannot change that.
    assert number and re.fullmatch(r"PAR01-\d{6}-[0-9A-Z]+-01", number), number
    action = {"before_sending": fp.STALL, "after_commit_before_answer": fp.HOLD,
              "after_answer": fp.SIGNAL}[step]
    proxy.add(action, "POST", "/api/v1/orders")
    process = device.start("sync", "--once")
    assert proxy.held.wait(TIMEOUT), "the order request never reached the proxy"
    if step == "after_commit_before_answer":
        wait_for(lambda: server.order_count(customer) == 1, message="the server to commit")
    _kill(process)
    proxy.release.set()
    assert server.order_count(customer) == (0 if step == "before_sending" else 1)
    status = device.status()
    assert status["outbox"]["failed"] == 0
    done = sync_until_done(device)
    assert "waiting 0, failed 0" in done.stdout
    assert [n for n, _, _ in server.orders(customer)] == [number]
    assert device.status()["outbox"] == {"waiting": 0, "failed": 0}
    replica = Replica.open(device.replica_path, device.keys)
    try:
        held = dump(replica)
    finally:
        replica.close()
    assert held == fresh_download(server.url, "seller1", tmp_path)
    with device.facade() as facade:
        view = facade.customers.customer_360(customer)
    assert [(o.order_number, o.sync) for o in view.orders] == [(number, "synced")]
    assert "après la commande" in [t.summary for t in view.timeline]


def test_a_replica_from_a_newer_version_is_refused_with_a_clear_message(
        server: LiveServer, tmp_path: Path) -> None:
    device = signed_in_device(tmp_path, server.url)
    assert device.run("sync", "--once").returncode == 0
    with device.connect() as conn:
        conn.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 5}")
    before = device.replica_path.read_bytes()
    for args in (("sync", "--once"), ("status", "--json")):
        done = device.run(*args)
        assert done.returncode == 1
        assert "replica.too_new" in done.stderr and "newer version" in done.stderr
    assert device.replica_path.read_bytes() == before


def test_sync_without_once_keeps_syncing_until_told_to_stop(server: LiveServer,
                                                            tmp_path: Path) -> None:
    customer = enrol_many(server, 2)[0]
    device = signed_in_device(tmp_path, server.url)
    process = device.start("sync")
    try:
        assert _wait_lines(process, "online", 1), "the sync never came online"
        with device.facade() as facade:  # a write while the command runs: it sends it
            facade.orders.place_order(customer_id=customer, lines=[("SKU-1003", 1)],
                               fulfillment="click_and_collect", payment_mode="paid_in_store")
        wait_for(lambda: server.order_count(customer) == 1, timeout=60,
                 message="the running sync to send the order")
        wait_for(lambda: device.status()["outbox"] == {"waiting": 0, "failed": 0}, timeout=60,
                 message="the outbox to empty")
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(TIMEOUT) == 0
        assert process.stdout is not None
        process.stdout.close()
