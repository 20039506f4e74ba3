"""The sync child process itself (`python -m clienteling.device.sync_child`, in a bundle
`clienteling sync --child`): the app's `Device` opened on the same data directory, its
background sync reported to the app as JSON lines. The protocol and the app's side:
`clienteling.sync.child` (transport: it never imports the device services; this does)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import IO, Any

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from clienteling.device import Device
from clienteling.replica.key import KEY_BYTES, ReplicaKeys
from clienteling.replica.key import SERVICE as KEY_SERVICE
from clienteling.replica.views import ChangeSet
from clienteling.settings import TokenPair, TokenStore
from clienteling.sync.child import (
    TOKENS_WAIT_SECONDS,
    Lines,
    decode_tokens,
    encode_changes,
    encode_state,
    encode_tokens,
    read_message,
)

log = logging.getLogger(__name__)


class GivenKey(KeyringBackend):
    """The replica's key as the app gave it (its hello): the child opens the app's replica with
    the very key the app opened it with, wherever the app keeps it (OS keyring, device file, a
    test's store). It never makes or forgets one: only the app decides a key is new or lost."""

    priority = -1  # type: ignore[assignment]  # never chosen by keyring itself

    def __init__(self, key: bytes) -> None:
        super().__init__()
        self._hex = key.hex()

    def get_password(self, service: str, username: str) -> str | None:
        return self._hex if service == KEY_SERVICE else None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the sync child keeps no key of its own")

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordDeleteError("the sync child forgets no key")


def decode_key(raw: Any) -> bytes | None:
    if not isinstance(raw, str):
        return None
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


class PipeTokenStore(TokenStore):
    """The child's tokens: given by the app, and every new pair handed back to it (the app
    keeps them where it keeps tokens: keyring, file or memory). Nothing here touches a
    keyring."""

    def __init__(self, out: Lines, pair: TokenPair | None) -> None:
        import keyring.backends.null

        super().__init__(backend=keyring.backends.null.Keyring())
        self._out = out
        self._pair = pair
        self._answer = threading.Event()
        self._pair_lock = threading.Lock()

    def receive(self, pair: TokenPair | None) -> None:
        with self._pair_lock:
            self._pair = pair
        self._answer.set()

    def load(self, server_url: str, username: str, *, fresh: bool = False) -> TokenPair | None:
        if fresh:  # the app may have refreshed them: ask
            self._answer.clear()
            if self._out.send({"ev": "tokens_wanted"}):
                self._answer.wait(TOKENS_WAIT_SECONDS)
        with self._pair_lock:
            return self._pair

    def save(self, server_url: str, username: str, pair: TokenPair) -> None:
        with self._pair_lock:
            self._pair = pair
        self._out.send({"ev": "tokens", "tokens": encode_tokens(pair)})

    def delete(self, server_url: str, username: str) -> None:
        with self._pair_lock:
            self._pair = None
        self._out.send({"ev": "tokens", "tokens": None})


def report_wipe(device: Device, out: Lines) -> bool:
    """Tell the app this device wiped itself (its notice: why, after how many days); False
    when there is no notice (nobody was signed in, nothing was wiped)."""
    notice = device.session.wipe_notice()
    if notice is None:
        return False
    out.send({"ev": "wiped", "reason": notice.reason, "days": notice.days})
    return True


def run_child(data_dir: str | None, stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """The child's whole life: hello, the device's background sync reported line by line,
    until its input ends."""
    out = Lines(stdout)
    hello = read_message(stdin.readline() or b"{}")
    if not hello or hello.get("op") != "hello":
        out.send({"ev": "fatal", "code": "sync.child_protocol", "detail": "no hello"})
        return 2
    key = decode_key(hello.get("replica_key"))
    if key is None:
        out.send({"ev": "fatal", "code": "replica.key_unavailable",
                  "detail": "the app gave no key for the replica"})
        return 2
    tokens = PipeTokenStore(out, decode_tokens(hello.get("tokens")))
    try:
        device = Device(data_dir, token_store=tokens,
                        replica_keys=ReplicaKeys(GivenKey(key)))
    except Exception as error:
        out.send({"ev": "fatal", "code": getattr(error, "code", "sync.child_open"),
                  "detail": repr(error)})
        return 2
    with device:
        if not device.session.signed_in:
            if not report_wipe(device, out):
                out.send({"ev": "fatal", "code": "auth.not_signed_in",
                          "detail": "sign in first"})
            return 2
        wiped = threading.Event()

        def report(changes: ChangeSet) -> None:
            if changes.reset and not device.session.signed_in:
                # Revoked, or out of contact past the lock delay: this process, which owns
                # the replica, wiped it (`DeviceContext.wipe`). The app finishes and signs out.
                if not wiped.is_set():
                    wiped.set()
                    report_wipe(device, out)
                return
            out.send({"ev": "changes", "changes": encode_changes(changes),
                      "state": encode_state(device.sync.sync_state())})

        def cycle(cycle_id: Any) -> None:
            try:
                device.sync.sync_now()
            finally:
                out.send({"ev": "cycle_done", "id": cycle_id})

        device.sync.subscribe(report)
        device.sync.start_sync()
        report(ChangeSet(status=True))
        for line in iter(stdin.readline, b""):
            if wiped.is_set():
                break  # nothing left to sync: the app stops this process
            message = read_message(line)
            if message is None:
                log.warning("the app sent a line that is not JSON")
                continue
            op = message.get("op")
            if op == "kick":
                device.sync.kick_sync()
            elif op == "cycle":
                threading.Thread(target=cycle, args=(message.get("id"),), daemon=True,
                                 name="clienteling-sync-now").start()
            elif op == "tokens":
                tokens.receive(decode_tokens(message.get("tokens")))
            elif op == "stop":
                break
        device.sync.stop_sync()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clienteling-sync-child",
                                     description="the app's sync, as a child process")
    parser.add_argument("--data-dir")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="sync child %(levelname)s %(name)s: %(message)s")
    # The protocol owns standard output: anything else printed goes to standard error.
    # File descriptors 0 and 1, not sys.stdin and sys.stdout: a windowed bundle (Windows) has
    # None there even when the app gave it pipes.
    protocol_in = os.fdopen(os.dup(0), "rb")
    protocol_out = os.fdopen(os.dup(1), "wb", buffering=0)
    sys.stdout = sys.stderr if sys.stderr is not None else open(os.devnull, "w")  # noqa: SIM115
    return run_child(args.data_dir, protocol_in, protocol_out)


if __name__ == "__main__":
    raise SystemExit(main())
