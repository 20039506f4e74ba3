"""Signing out waits for the network (the logout) and for the sync to stop, but not while
holding the device's lock: the UI thread reads the settings through it meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Callable

from clienteling.device import Device
from tests.sync import faultproxy as fp
from tests.sync.faultproxy import FaultProxy

MakeDevice = Callable[..., Device]


def test_settings_answer_while_the_logout_hangs(device: MakeDevice, proxy: FaultProxy) -> None:
    facade = device(read_timeout_seconds=20.0)  # the logout hangs longer than the reader waits
    facade.sync.start_sync()
    proxy.add(fp.STALL, "POST", "/api/v1/auth/logout")
    leaving = threading.Thread(target=facade.session.sign_out, name="sign-out")
    leaving.start()
    try:
        assert proxy.held.wait(20), "the logout never reached the proxy"
        answered: list[object] = []
        reader = threading.Thread(target=lambda: answered.append(facade.session.settings))
        reader.start()
        reader.join(5)
        assert answered, "facade.session.settings waited for the logout"
        assert not facade.session.signed_in
    finally:
        proxy.release.set()
        leaving.join(30)
    assert not leaving.is_alive()
