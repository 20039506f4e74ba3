"""A live server on loopback, a fault proxy in front of it, and devices (façades) using it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clienteling.device import Device
from tests.sync.faultproxy import FaultProxy
from tests.sync.live import PASSWORD, write_settings


@pytest.fixture
def device(tmp_path: Path, proxy: FaultProxy
           ) -> Iterator[Callable[..., Device]]:
    """Make a signed-in device (a façade with its own data dir) talking through the proxy."""
    made: list[Device] = []

    def make(username: str = "seller1", name: str | None = None, **settings: object) -> Device:
        folder = tmp_path / (name or f"device-{len(made)}")
        write_settings(folder, **settings)
        facade = Device(folder)
        made.append(facade)
        facade.session.sign_in(proxy.url, username, PASSWORD)
        return facade

    yield make
    for facade in made:
        facade.close()
