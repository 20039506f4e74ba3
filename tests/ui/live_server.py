"""A real central API on loopback for the app's tests, and a façade signed in to it.

The server is the project's own FastAPI app under uvicorn in a thread, on a SQLite database
seeded once per test session from the demo generator (a few hundred customers; the first one is
a Lefèvre). It can be stopped and started again on the same port, which is how the tests take
the network away from the app and give it back.

Fixtures: `live_server` (session), `seeded` (what the server holds: the seller's credentials,
a customer of the seller's store), `facade` (a fresh data directory, signed in, first sync
done; background sync not started).
"""

from __future__ import annotations

import socket
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
import sqlalchemy as sa
import uvicorn

from clienteling.device import Device
from clienteling.domain.cards import card_from_serial
from clienteling.settings import TokenStore

SELLER = "ui.seller"
PASSWORD = "seller-password-1"
DEMO_CUSTOMERS = 300
STOP_TIMEOUT = 20.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """The central API on 127.0.0.1:`port`; `stop()` and `start()` at will, same port."""

    def __init__(self, database_url: str, port: int | None = None) -> None:
        self.database_url = database_url
        self.port = port or _free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._app: Any = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    def start(self) -> None:
        """Serve again. The port is bound and listening before this returns, so a client
        that connects at once waits in the backlog instead of being refused."""
        from clienteling.server.app import create_app
        from clienteling.server.config import ServerConfig

        if self._server is not None:
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        app = create_app(ServerConfig(database_url=self.database_url))
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]},
                                  name=f"api:{self.port}", daemon=True)
        thread.start()
        self._server, self._thread, self._app = server, thread, app

    def stop(self) -> None:
        """Stop serving: new connections are refused, as when a store's network is down."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.should_exit = True
        thread.join(STOP_TIMEOUT)
        if thread.is_alive():
            raise RuntimeError("the test server did not stop")
        self._app.state.engine.dispose()
        self._server = self._thread = self._app = None


@dataclass(frozen=True)
class Seeded:
    """What the seeded server holds that tests name."""

    url: str
    username: str
    password: str
    store_id: str
    card: str  # the card of the first demo customer (a Lefèvre), of the seller's store
    customer_id: str
    last_name: str


def seed_database(folder: Path) -> tuple[str, Seeded]:
    """A migrated, seeded SQLite central database in `folder` and what tests need to know."""
    from clienteling.server.auth.service import create_user
    from clienteling.server.customers.models import CustomerRow
    from clienteling.server.db import make_engine, make_sessionmaker
    from clienteling.server.demo.generator import write_import_files
    from clienteling.server.imports.service import import_directory
    from clienteling.server.migrate import upgrade

    url = f"sqlite:///{folder / 'central.sqlite3'}"
    upgrade(url)
    files = folder / "import"
    files.mkdir()
    write_import_files(files, customers=DEMO_CUSTOMERS, seed=7, products=60)
    engine = make_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as session, session.begin(), warnings.catch_warnings():
            # The importer calls Result.tuples(), deprecated in SQLAlchemy 2.1: not this
            # test's concern (reported to the importer's owner).
            warnings.simplefilter("ignore", sa.exc.SADeprecationWarning)
            report = import_directory(session, folder=files)
            assert report.applied and not report.problems, report.problems
        card = card_from_serial(1)
        with sessions() as session, session.begin():
            first = session.scalars(sa.select(CustomerRow).where(
                CustomerRow.loyalty_card == card)).one()
            create_user(session, username=SELLER, password=PASSWORD, role="seller",
                        store_id=first.home_store_id, display_name="Camille Seller")
            seeded = Seeded(url="", username=SELLER, password=PASSWORD,
                            store_id=first.home_store_id, card=card,
                            customer_id=first.customer_id, last_name=first.last_name)
    finally:
        engine.dispose()
    return url, seeded


@pytest.fixture(scope="session")
def _seeded_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Seeded]:
    return seed_database(tmp_path_factory.mktemp("live-central"))


@pytest.fixture(scope="session")
def live_server(_seeded_database: tuple[str, Seeded]) -> Iterator[LiveServer]:
    server = LiveServer(_seeded_database[0])
    server.start()
    yield server
    server.stop()


@pytest.fixture
def seeded(live_server: LiveServer, _seeded_database: tuple[str, Seeded]) -> Iterator[Seeded]:
    """The seeded server, running (a test that stopped it gets it back afterwards)."""
    live_server.start()
    data = _seeded_database[1]
    yield Seeded(url=live_server.url, username=data.username, password=data.password,
                 store_id=data.store_id, card=data.card, customer_id=data.customer_id,
                 last_name=data.last_name)
    live_server.start()


def memory_tokens() -> TokenStore:
    """Tokens in this process's memory: tests never touch the developer's keyring."""
    return TokenStore(backend=keyring.backends.fail.Keyring())


@pytest.fixture
def facade(seeded: Seeded, tmp_path: Path) -> Iterator[Device]:
    """A fresh device signed in as the seller, its first sync done (background sync off)."""
    device = Device(tmp_path / "device", token_store=memory_tokens())
    # Notice the server going and coming back within a second or two, not a minute.
    device.session.update_settings(health_interval_seconds=0.3, backoff_base_seconds=0.2,
                           backoff_cap_seconds=1.0, connect_timeout_seconds=2.0,
                           read_timeout_seconds=10.0)
    device.session.sign_in(seeded.url, seeded.username, seeded.password)
    status = device.sync.sync_now()
    assert status.state in ("online", "syncing"), status
    yield device
    device.close()


@pytest.fixture
def shell(qtbot, facade: Device):
    """The main window on the signed-in façade, as the app shows it after sign-in: sections
    of a seller, the façade's news relayed to the screens, the lookup on screen."""
    from ui import workers
    from ui.main_window import MainWindow

    window = MainWindow(facade)
    qtbot.addWidget(window)
    user = facade.session.current_user()
    window.set_user(user)
    window.load_sections(user.role if user else "seller")
    relay = workers.ui_callback(window.replica_changed.emit, owner=window)
    unsubscribe = facade.sync.subscribe(relay)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.home()
    yield window
    unsubscribe()
