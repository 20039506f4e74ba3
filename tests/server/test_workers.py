"""`clienteling server run --workers N`: N processes serve one port, and because the API keeps
no state outside the database, a client may land on any of them: a sign-in, an order and its
replay under the same Idempotency-Key made on separate connections agree. Stopping the parent
stops every worker."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.server.live_api import SKUS, RunningApi, order_body, prepare_database, running_api
from tests.server.test_load import _database

pytestmark = pytest.mark.slow

WORKERS = 2


def _children(pid: int) -> set[int]:
    """The live processes whose parent is `pid` (from /proc: no psutil needed)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _workers(api: RunningApi) -> set[int]:
    """The uvicorn workers: spawned children running multiprocessing's entry point."""
    workers = set()
    for child in _children(api.process.pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            workers.add(child)
    return workers


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApi]:
    folder = tmp_path_factory.mktemp(f"workers-{request.param}")
    url = _database(request.param, folder, "workers")
    prepare_database(url)
    with running_api(url, folder / "server", "--workers", str(WORKERS)) as running:
        yield running


def test_n_worker_processes_serve_the_port(api: RunningApi) -> None:
    assert len(_workers(api)) == WORKERS


def test_any_worker_answers_any_request(api: RunningApi) -> None:
    customer = api.enrol("Mathéo", "Worker")
    key = str(uuid.uuid4())
    body = order_body(customer, SKUS[0])

    def place(_: int) -> tuple[int, str]:
        # A new connection each time: the kernel hands it to whichever worker accepts first.
        answer = requests.post(f"{api.url}/api/v1/orders", json=body, timeout=30,
                               headers={**api.auth(), "Idempotency-Key": key,
                                        "Connection": "close"})
        return answer.status_code, answer.json()["order_number"]

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(place, range(12)))
    assert {status for status, _ in answers} <= {200, 201}
    assert len({number for _, number in answers}) == 1, answers
    found = requests.get(f"{api.url}/api/v1/customers/{customer}/orders", headers=api.auth(),
                         timeout=10)
    assert found.status_code == 200
    assert [o["order_number"] for o in found.json()] == [answers[0][1]]


def test_stopping_the_parent_stops_every_worker(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    prepare_database(url)
    with running_api(url, tmp_path / "server", "--workers", str(WORKERS)) as running:
        workers = _workers(running)
        assert len(workers) == WORKERS
        running.stop()
        assert running.process.returncode == 0, running.log.read_text()
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
