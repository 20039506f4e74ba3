"""The real `clienteling` command as a subprocess: migrate, seed the demo, add a user with the
password on standard input, refuse a bad import directory, and serve the API that a printed
demo account signs in to."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

CLI = str(Path(sys.executable).with_name("clienteling"))
TIMEOUT = 180


def clienteling(*args: str, stdin: str = "", database: Path | None = None,
                timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key != "CLIENTELING_DATABASE_URL"}
    command = [CLI, *args]
    if database is not None:
        command += ["--database-url", f"sqlite:///{database}"]
    return subprocess.run(command, input=stdin, text=True, capture_output=True, env=env,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A migrated and seeded SQLite database, and what seed-demo printed."""
    database = tmp_path_factory.mktemp("cli") / "central.sqlite3"
    migrated = clienteling("server", "migrate", database=database)
    assert migrated.returncode == 0, migrated.stderr
    assert database.exists()
    seeded = clienteling("server", "seed-demo", "--customers", "200", database=database)
    assert seeded.returncode == 0, seeded.stderr
    return database, seeded.stdout


def test_seed_demo_prints_the_accounts(seeded: tuple[Path, str]) -> None:
    _, printed = seeded
    assert "demo-clienteling" in printed
    for username in ("seller.par01", "manager.par01", "seller.lys01", "admin"):
        assert re.search(rf"^\s+{re.escape(username)}\s", printed, re.MULTILINE), printed


def test_add_user_reads_the_password_on_standard_input(seeded: tuple[Path, str]) -> None:
    database, _ = seeded
    created = clienteling("server", "add-user", "camille", "--role", "seller", "--store",
                          "LYS01", "--display-name", "Camille Roux", stdin="s3cret-passw0rd\n",
                          database=database)
    assert created.returncode == 0, created.stderr
    assert "camille" in created.stderr
    empty = clienteling("server", "add-user", "nobody", "--role", "seller", "--store", "LYS01",
                        stdin="\n", database=database)
    assert empty.returncode != 0 and "empty password" in empty.stderr
    taken = clienteling("server", "add-user", "camille", "--role", "seller", "--store", "LYS01",
                        stdin="another-password\n", database=database)
    assert taken.returncode != 0 and "taken" in taken.stderr
    unknown_store = clienteling("server", "add-user", "zoe", "--role", "seller", "--store",
                                "NOPE", stdin="another-password\n", database=database)
    assert unknown_store.returncode != 0 and "store" in unknown_store.stderr


def test_a_bad_import_directory_is_refused_with_its_lines(seeded: tuple[Path, str],
                                                          tmp_path: Path) -> None:
    database, _ = seeded
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "stock.csv").write_text(
        "store_id,sku,on_hand\nPAR01,NOPE-1,3\nPAR01,MOD-00001,-2\n", encoding="utf-8")
    refused = clienteling("server", "import", str(folder), database=database)
    assert refused.returncode == 1
    assert "stock.csv:2: sku: unknown product 'NOPE-1'" in refused.stderr
    assert "stock.csv:3: on_hand: not a whole number >= 0: '-2'" in refused.stderr
    assert "Nothing was imported" in refused.stderr
    skipped = clienteling("server", "import", str(folder), "--skip-invalid", database=database)
    assert skipped.returncode == 3, skipped.stderr
    missing = clienteling("server", "import", str(tmp_path / "nowhere"), database=database)
    assert missing.returncode == 1 and "no such directory" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = clienteling("server", "import", str(empty), database=database)
    assert nothing.returncode == 1 and "no import file" in nothing.stderr


def test_bad_database_urls_are_clear_errors(tmp_path: Path) -> None:
    bad = clienteling("server", "migrate", "--database-url", "not a url")
    assert bad.returncode == 1 and "not a database URL" in bad.stderr
    folder = clienteling("server", "migrate", "--database-url",
                         f"sqlite:///{tmp_path}/missing/central.sqlite3")
    assert folder.returncode == 1 and "does not exist" in folder.stderr
    unreachable = clienteling("server", "migrate", "--database-url",
                              "postgresql://nobody@127.0.0.1:1/none", timeout=60)
    assert unreachable.returncode == 1 and "cannot use the database" in unreachable.stderr
    assert "Traceback" not in bad.stderr + folder.stderr + unreachable.stderr


def test_server_run_refuses_a_schema_it_was_not_migrated_to(tmp_path: Path) -> None:
    """Migrating is a deploy step: run does not do it, and says what to do instead."""
    database = tmp_path / "empty.sqlite3"
    refused = clienteling("server", "run", "--port", "0", database=database, timeout=60)
    assert refused.returncode != 0
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "clienteling server migrate" in lines[0], refused.stderr
    assert clienteling("server", "migrate", database=database).returncode == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def running(seeded: tuple[Path, str]) -> Iterator[str]:
    database, _ = seeded
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if key != "CLIENTELING_DATABASE_URL"}
    process = subprocess.Popen(
        [CLI, "server", "run", "--database-url", f"sqlite:///{database}", "--port", str(port),
         "--log-level", "warning"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:  # not up yet, or slow to answer on a busy machine
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                _, err = process.communicate(timeout=10)
                pytest.fail(f"the server did not start: {err}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def test_server_run_serves_the_demo_accounts(running: str) -> None:
    assert requests.get(f"{running}/healthz", timeout=10).json() == {"status": "ok"}
    answer = requests.post(f"{running}/api/v1/auth/login", timeout=10, json={
        "username": "manager.lys01", "password": "demo-clienteling", "device_name": "e2e"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["user"]["store_id"] == "LYS01"
    token = answer.json()["access_token"]
    stores = requests.get(f"{running}/api/v1/stores", timeout=10,
                          headers={"Authorization": f"Bearer {token}"})
    assert stores.status_code == 200 and len(stores.json()) == 12


def test_server_audit_prints_who_read_another_stores_customer(
        running: str, seeded: tuple[Path, str]) -> None:
    database, _ = seeded
    signed_in = requests.post(f"{running}/api/v1/auth/login", timeout=10, json={
        "username": "seller.lys01", "password": "demo-clienteling", "device_name": "e2e"})
    headers = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
    admin = requests.post(f"{running}/api/v1/auth/login", timeout=10, json={
        "username": "admin", "password": "demo-clienteling", "device_name": "e2e"})
    admin_headers = {"Authorization": f"Bearer {admin.json()['access_token']}"}
    parisian = next(c for c in requests.get(
        f"{running}/api/v1/customers", params={"store_id": "PAR01", "limit": 5},
        headers=admin_headers, timeout=10).json()["items"] if c["card"])
    found = requests.get(f"{running}/api/v1/customers/lookup", params={"code": parisian["card"]},
                         headers=headers, timeout=10)
    assert found.status_code == 200, found.text
    # (the demo's manager assigned some clients: those entries are audited too)
    listed = clienteling("server", "audit", "--json", "--customer", parisian["customer_id"],
                         "--action", "customer.lookup", database=database)
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert [(e["action"], e["username"], e["store_id"]) for e in entries] == [
        ("customer.lookup", "seller.lys01", "LYS01")]
    plain = clienteling("server", "audit", "--staff", "seller.lys01", database=database)
    assert plain.returncode == 0, plain.stderr
    assert "customer.lookup" in plain.stdout and parisian["customer_id"] in plain.stdout
    bad = clienteling("server", "audit", "--since", "yesterday", database=database)
    assert bad.returncode != 0 and "ISO 8601" in bad.stderr


def test_demo_server_only_seeds_once_and_serves(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items()
           if key != "CLIENTELING_DATABASE_URL"}
    for run in range(2):
        process = subprocess.Popen(
            [CLI, "demo", "--server-only", "--customers", "100", "--data-dir", str(tmp_path)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        printed = ""
        try:
            assert process.stdout is not None
            # The address once /healthz answers, then the accounts, `admin` last.
            for line in process.stdout:
                printed += line
                if line.split()[:1] == ["admin"]:
                    break
            match = re.search(r"http://127\.0\.0\.1:\d+", printed)
            assert match and "seller.par01" in printed, printed
            url = match.group(0)
            # The admin searches the whole chain (a seller, their own store's customers).
            answer = requests.post(f"{url}/api/v1/auth/login", timeout=10, json={
                "username": "admin", "password": "demo-clienteling"})
            assert answer.status_code == 200, answer.text
            token = answer.json()["access_token"]
            found = requests.get(f"{url}/api/v1/customers", params={"q": "lefevre"},
                                 headers={"Authorization": f"Bearer {token}"}, timeout=10)
            assert found.status_code == 200 and found.json()["items"]
        finally:
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        # Seeded the first time only.
        assert ("customers.csv" in err) == (run == 0), err
