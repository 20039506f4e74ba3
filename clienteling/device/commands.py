"""The device commands `clienteling login`, `clienteling sync` and `clienteling status`:
headless sign-in, sync and inspection of a device's replica and outbox (registered in
`clienteling.cli`)."""

from __future__ import annotations

import argparse
import getpass
import json
import signal
import sys
import threading
from datetime import datetime
from typing import Any, TextIO

from clienteling.api.client import ApiError
from clienteling.device import Device
from clienteling.device_guard import REVOKED, WipeNotice
from clienteling.domain.errors import DomainError
from clienteling.replica.views import ChangeSet
from clienteling.sync.status import PullProgress, SyncStatus

# Exit codes of `sync --once` (and `login`): what a script or a supervisor needs to know.
OK = 0
FAILED = 1  # bad input or refused sign-in
UNREACHABLE = 2  # the server cannot be reached (or keeps failing): try again later
NEEDS_PERSON = 3  # outbox entries the server refused: a person must retry or discard them
NEEDS_SIGN_IN = 4  # no valid sign-in on this device
WIPED = 5  # the device was revoked by its store, or out of contact too long: it wiped itself


def add_parsers(subparsers: Any) -> None:
    """Add `login`, `sync` and `status` to the `clienteling` command's subparsers."""
    login = subparsers.add_parser(
        "login", help="sign this device in (password on standard input)",
        description="Sign in to a central API; the token goes to the OS keyring, or "
                    "with --token-store file to a file encrypted for this device and user.")
    login.add_argument("--server", required=True, help="the central API, e.g. https://api:8443")
    login.add_argument("--username", required=True)
    login.add_argument("--data-dir", help="settings and replicas here instead of the user dirs")
    login.add_argument("--token-store", choices=("keyring", "file"),
                       help="where the sign-in is kept: the OS keyring (the default), or a file "
                            "encrypted for this device and user (for systems without a keyring)")
    login.set_defaults(handler=login_command)

    sync = subparsers.add_parser(
        "sync", help="sync the signed-in device: send the outbox, pull changes",
        description="Headless sync. Without --once it keeps syncing until interrupted.")
    sync.add_argument("--once", action="store_true",
                      help="one push and pull; exit 0 when nothing is left waiting, 2 when the "
                           "server cannot be reached, 3 when entries need a person, 4 when "
                           "signing in again is needed, 5 when the device was revoked (or out "
                           "of contact too long) and wiped its data")
    sync.add_argument("--data-dir")
    sync.add_argument("--child", action="store_true",
                      help="run as the app's sync process: JSON lines on standard input and "
                           "output (see clienteling.sync.child)")
    sync.set_defaults(handler=sync_command)

    status = subparsers.add_parser(
        "status", help="what the replica and the outbox hold",
        description="Counts per entity, cursor, last sync, and the outbox (waiting, failed "
                    "and why). Does not use the network.")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    status.add_argument("--data-dir")
    status.set_defaults(handler=status_command)


def _say(text: str, stream: TextIO | None = None) -> None:
    print(text, file=stream or sys.stdout, flush=True)


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    return sys.stdin.readline().rstrip("\r\n")


def _open(args: argparse.Namespace) -> Device | None:
    """The device's services, or None after saying why it cannot be opened (a replica from a
    newer version of the app, a damaged file, unreadable settings)."""
    try:
        return Device(args.data_dir)
    except DomainError as error:
        _say(f"Cannot open this device's data: {error} ({error.code})", sys.stderr)
        return None


def login_command(args: argparse.Namespace) -> int:
    password = _read_password()
    opened = _open(args)
    if opened is None:
        return FAILED
    with opened as device:
        choice = args.token_store or device.session.settings.token_store
        if choice == "keyring" and not device.session.keyring_available:
            # Never a sign-in that silently ends with this command.
            _say("This system has no keyring to keep the sign-in. Run the command again with "
                 "--token-store file to keep it in a file encrypted for this device and user "
                 f"(in {device.session.paths.config_dir}).", sys.stderr)
            return FAILED
        if args.token_store:
            device.session.choose_token_store(args.token_store)
        try:
            user = device.session.sign_in(args.server, args.username, password)
        except DomainError as error:
            _say(f"Sign-in failed: {error} ({error.code})", sys.stderr)
            # A server error (503 busy) is worth retrying later; a refusal (401, 429) is not
            # until a person acts or waits the time the message says.
            network = error.code.startswith("network.") or (
                isinstance(error, ApiError) and error.status >= 500)
            return UNREACHABLE if network else FAILED
        store = f" at store {user.store_id}" if user.store_id else ""
        _say(f"Signed in as {user.display_name} ({user.role}){store} on {user.server_url}.")
        if device.session.settings.token_store == "file":
            _say(f"The sign-in is kept in a file encrypted for this device and user, in "
                 f"{device.session.paths.config_dir}.", sys.stderr)
    return OK


def _describe(status: SyncStatus) -> str:
    last = status.last_sync_at.isoformat(timespec="seconds") if status.last_sync_at else "never"
    text = f"{status.state}; waiting {status.waiting}, failed {status.failed}; last sync {last}"
    if status.reason:
        text += f"; {status.reason}"
        if status.detail:
            text += f": {status.detail}"
    if status.partial:
        text += "; first download not finished"
    return text


def _exit_code(status: SyncStatus) -> int:
    if status.state == "needs_sign_in":
        return NEEDS_SIGN_IN
    if status.state == "offline" or (status.state == "error" and status.reason != "outbox.failed"):
        return UNREACHABLE
    if status.failed:
        return NEEDS_PERSON
    if status.waiting:  # blocked behind nothing we know of: say it cannot finish now
        return UNREACHABLE
    return OK


def wipe_message(notice: WipeNotice) -> str:
    """Why the device forgot its data, for a person reading the terminal."""
    who = f" ({notice.username} on {notice.server_url})" if notice.username else ""
    if notice.reason == REVOKED:
        why = "This device was revoked by its store"
    else:
        why = (f"This device had not reached the server for more than {notice.days} days, "
               "so it locked itself")
    return (f"{why}{who}: its replica, its unsent work and its sign-in were erased from it. "
            "Sign in again (`clienteling login`) to use it.")


def sync_command(args: argparse.Namespace) -> int:
    if args.child:
        from clienteling.device.sync_child import main

        return main(["--data-dir", args.data_dir] if args.data_dir else [])
    opened = _open(args)
    if opened is None:
        return FAILED
    with opened as device:
        if not device.session.signed_in:
            notice = device.session.wipe_notice()
            if notice is not None:  # wiped while opening: out of contact too long
                _say(wipe_message(notice), sys.stderr)
                return WIPED
            _say("Not signed in: run `clienteling login --server URL --username NAME` first.",
                 sys.stderr)
            return NEEDS_SIGN_IN

        def progress(step: PullProgress) -> None:
            more = "more to come" if step.has_more else "done"
            _say(f"pulled {step.changes} changes ({more})")

        if args.once:
            status = device.sync.sync_now(progress=progress)
            _say(f"sync: {_describe(status)}")
            notice = device.session.wipe_notice()
            if notice is not None and not device.session.signed_in:
                _say(wipe_message(notice), sys.stderr)
                return WIPED
            for entry in device.sync.outbox_entries():
                if entry.state == "failed" and entry.problem:
                    _say(f"  entry {entry.id} {entry.kind} refused: {entry.problem.code} "
                         f"{entry.problem.detail or ''}".rstrip())
            return _exit_code(status)
        return _run_forever(device)


def _run_forever(device: Device) -> int:
    stop = threading.Event()
    last: list[str] = []

    def on_change(change: ChangeSet) -> None:
        if change.status:
            text = _describe(device.sync.sync_status())
            if not last or last[-1] != text:
                last.append(text)
                _say(f"{datetime.now().isoformat(timespec='seconds')} {text}")

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    device.sync.subscribe(on_change)
    device.sync.start_sync()
    while not stop.wait(1.0):
        pass
    device.sync.stop_sync()
    return OK


def status_command(args: argparse.Namespace) -> int:
    opened = _open(args)
    if opened is None:
        return FAILED
    with opened as device:
        settings = device.session.settings
        notice = device.session.wipe_notice()
        info: dict[str, Any] = {
            "signed_in": device.session.signed_in, "server_url": settings.server_url,
            "username": settings.username, "store_id": settings.store_id,
            "tokens_persistent": device.session.tokens_persistent,
            "replica": {}, "last_sync_at": None, "cursor": None, "partial": True,
            "outbox": {"waiting": 0, "failed": 0}, "entries": [],
            "wiped": ({"reason": notice.reason, "days": notice.days}
                      if notice is not None else None),
        }
        if device.session.signed_in:
            held = device.sync.replica_info()
            status = device.sync.sync_status()
            entries = device.sync.outbox_entries()
            info.update(
                replica=held["counts"], cursor=held["cursor"], replica_path=held["path"],
                last_sync_at=(status.last_sync_at.isoformat() if status.last_sync_at
                              else None),
                partial=status.partial,
                outbox={"waiting": status.waiting, "failed": status.failed},
                entries=[{
                    "id": e.id, "kind": e.kind, "state": e.state, "customer_id": e.customer_id,
                    "attempts": e.attempts, "created_at": e.created_at.isoformat(),
                    "problem": ({"code": e.problem.code, "detail": e.problem.detail}
                                if e.problem else None),
                    "blocked_by": e.blocked_by} for e in entries])
    if args.json:
        _say(json.dumps(info, ensure_ascii=False, sort_keys=True))
        return OK
    if not info["signed_in"]:
        _say("Not signed in.")
        if notice is not None:
            _say(wipe_message(notice))
        return OK
    _say(f"{info['username']} on {info['server_url']} (store {info['store_id'] or '-'})")
    _say(f"replica: {info['replica_path']}")
    for entity, count in info["replica"].items():
        _say(f"  {entity}: {count}")
    _say(f"last sync: {info['last_sync_at'] or 'never'}"
         + ("  (first download not finished)" if info["partial"] else ""))
    _say(f"outbox: {info['outbox']['waiting']} waiting, {info['outbox']['failed']} failed")
    for entry in info["entries"]:
        why = f" — {entry['problem']['code']}: {entry['problem']['detail']}" if entry[
            "problem"] else ""
        _say(f"  #{entry['id']} {entry['kind']} {entry['state']}{why}")
    if not info["tokens_persistent"]:
        _say("note: no keyring on this system; sign-ins last one process only")
    return OK
