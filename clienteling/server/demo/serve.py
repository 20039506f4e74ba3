"""The embedded demo server: the central API on a SQLite file, seeded once, served by Uvicorn in
a background thread of the calling process (the `demo` command, and the app's demo mode)."""

from __future__ import annotations

import dataclasses
import secrets
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
from sqlalchemy import func, select

from clienteling.server.app import create_app
from clienteling.server.config import ServerConfig
from clienteling.server.db import make_engine, make_sessionmaker
from clienteling.server.demo.seed import DEFAULT_SEED, DemoAccount, demo_accounts, seed_demo
from clienteling.server.imports.rows import FORMATS
from clienteling.server.imports.service import Progress
from clienteling.server.migrate import upgrade
from clienteling.server.stores.models import StoreRow
from clienteling.settings import DEMO_PORT

DEMO_DATABASE = "demo-central.sqlite3"
STARTUP_TIMEOUT = 30.0

# How far the start is: (phase, percent). Phases: "migrate", "generate", "check" and "import"
# with the file's name ("import customers.csv"), "accounts", "serve". From the starting thread.
PhaseReport = Callable[[str, int], None]


class DemoPortTaken(OSError):
    """The demo's port is held by another process (another demo, or something else)."""

    def __init__(self, host: str, port: int, reason: str) -> None:
        super().__init__(f"the demo port {host}:{port} is taken ({reason}): stop the other "
                         f"demo, or choose another port with --port")
        self.host, self.port = host, port
        # As a DomainError speaks: the app says it in the seller's language.
        self.code = "demo.port_taken"
        self.params = {"port": port}


def _importing(report: PhaseReport, progress: Progress | None) -> Progress:
    """The importer's per-file progress as phases in the 10..90 % band: it checks every file
    (the first half), then applies them (the second), in its file order."""
    names = [f.name for f in FORMATS]
    steps = 2 * len(names)
    last: list[tuple[str, int]] = []

    def on_rows(name: str, phase: str, rows: int, seconds: float, done: bool,
                total: int | None = None) -> None:
        if progress is not None:
            progress(name, phase, rows, seconds, done, total)
        index = names.index(name) if name in names else 0
        step = (0 if phase == "check" else len(names)) + index + (1 if done else 0)
        shown = (f"{'check' if phase == 'check' else 'import'} {name}", 10 + 80 * step // steps)
        if last != [shown]:
            last[:] = [shown]
            report(*shown)

    return on_rows


def demo_config(database_url: str, url: str) -> ServerConfig:
    """The settings of the demo server at `url`: payment links open the demo's own simulated
    provider page on it, which signs its webhook call with this run's secret (or the
    environment's)."""
    config = ServerConfig.from_env(database_url)
    return dataclasses.replace(
        config, demo_payment_page=True,
        payment_page=config.payment_page or f"{url}/api/v1/payments/demo/{{order_number}}",
        payment_webhook_secret=config.payment_webhook_secret or secrets.token_hex(32))


@dataclass
class DemoServer:
    """A running embedded server. `stop()` ends it and waits for its thread."""

    url: str
    database_url: str
    accounts: list[DemoAccount]
    seeded_now: bool
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free port). Raises OSError with the reason."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on accepted sockets whose protocol says
    # TCP, and without it every keep-alive answer written in two parts waits ~40 ms for the
    # client's delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def prepare_demo_database(data_dir: Path, *, customers: int, seed: int = DEFAULT_SEED,
                          progress: Progress | None = None,
                          phases: PhaseReport | None = None) -> tuple[str, bool]:
    """The demo database of `data_dir`, migrated, and seeded unless it already was.
    Returns (database URL, whether it was seeded now)."""
    report = phases or (lambda _phase, _percent: None)
    data_dir.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{data_dir / DEMO_DATABASE}"
    report("migrate", 0)
    upgrade(url)
    engine = make_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as session, session.begin():
            # Seeding is one transaction: a database with stores is a seeded one.
            if session.scalar(select(func.count()).select_from(StoreRow)):
                return url, False
            report("generate", 5)
            seed_demo(session, customers=customers, seed=seed,
                      progress=_importing(report, progress), workdir=data_dir)
            report("accounts", 95)
        return url, True
    finally:
        engine.dispose()


def start_demo_server(data_dir: Path, customers: int, *, host: str = "127.0.0.1",
                      port: int = DEMO_PORT, progress: Progress | None = None,
                      phases: PhaseReport | None = None) -> DemoServer:
    """Seed the demo database of `data_dir` if needed, serve it on host:port (0: a free port)
    in a background thread, and return once `/healthz` answers. Raises `DemoPortTaken`
    before any seeding when the port is held."""
    try:
        sock = bind(host, port)  # first: a taken port is said at once, not after seeding
    except OSError as error:
        raise DemoPortTaken(host, port, error.strerror or str(error)) from None
    try:
        database_url, seeded_now = prepare_demo_database(data_dir, customers=customers,
                                                         progress=progress, phases=phases)
    except BaseException:
        sock.close()
        raise
    if phases is not None:
        phases("serve", 100)
    actual_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{actual_port}"
    server = uvicorn.Server(uvicorn.Config(create_app(demo_config(database_url, url)),
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name="clienteling-demo-server", daemon=True)
    thread.start()
    demo = DemoServer(url=url, database_url=database_url, accounts=demo_accounts(DEFAULT_SEED),
                      seeded_now=seeded_now, _server=server, _thread=thread)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return demo
        except (urllib.error.URLError, OSError):
            pass
        if not thread.is_alive() or time.monotonic() > deadline:
            demo.stop()
            sock.close()
            raise RuntimeError(f"the demo server did not start on {url}")
        time.sleep(0.05)
