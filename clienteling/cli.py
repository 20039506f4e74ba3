"""The `clienteling` command: argparse subcommands, one function each.

A command is `def <name>_command(args) -> int` (the exit code) registered with
`parser.set_defaults(handler=...)`; a group of commands adds its parsers in `build_parser`.
Messages go to standard error, results to standard output; a `CommandError` is a clear message
and a non-zero exit, never a traceback. Heavy modules (the server, Uvicorn) are imported by the
commands that need them, so `clienteling --help` stays quick.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import logging.config
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from clienteling.settings import DEMO_PORT

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from clienteling.server.demo.seed import DemoAccount
    from clienteling.server.imports.service import ImportReport

# Exit codes of `server import` (also in the README).
IMPORT_OK = 0
IMPORT_REFUSED = 1  # bad rows and no --skip-invalid: nothing was applied
IMPORT_SKIPPED = 3  # --skip-invalid: the good rows were applied, the bad ones reported
SHOWN_PROBLEMS = 100


class CommandError(Exception):
    """A failure the user can act on: printed as `clienteling: <message>`, exit `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- extras -------------------------------------------------------------------------------

# The packages each extra brings, by their import name: a command that needs one of them says
# which extra to install instead of a traceback.
EXTRA_OF_MODULE = {
    "fastapi": "server", "starlette": "server", "uvicorn": "server", "alembic": "server",
    "psycopg": "server", "prometheus_client": "server",
    "clienteling.server": "server", "PySide6": "app", "shiboken6": "app",
}
WHAT_EXTRA_GIVES = {"server": "the central API", "app": "the app"}


def missing_extra(error: ModuleNotFoundError, *, needs: tuple[str, ...] = ()) -> str | None:
    """What to tell the user when a module of an extra is not installed (None: not an
    extra's module, a real bug). `needs`: every extra the command uses (the demo: both)."""
    name = error.name or ""
    # The tablet bundle leaves the server package itself out, not only its dependencies.
    top = "clienteling.server" if name.startswith("clienteling.server") else name.partition(".")[0]
    extra = EXTRA_OF_MODULE.get(top)
    if extra is None:
        return None
    extras = ",".join(sorted({extra, *needs}))
    return (f"{WHAT_EXTRA_GIVES[extra]} is not installed here ({top} is missing): "
            f"pip install 'clienteling[{extras}]'")


# --- databases ----------------------------------------------------------------------------


def database_url(args: argparse.Namespace) -> str:
    """`--database-url`, else `CLIENTELING_DATABASE_URL`, else the SQLite file in the user data
    directory; checked, with `postgresql://` meaning the psycopg driver."""
    import sqlalchemy as sa

    from clienteling.server.config import default_database_url

    text = args.database_url or default_database_url()
    try:
        url = sa.make_url(text)
    except sa.exc.ArgumentError:
        raise CommandError(
            f"not a database URL: {text!r} (for example sqlite:////var/lib/clienteling/"
            f"central.sqlite3 or postgresql+psycopg://user@host:5432/clienteling)") from None
    backend = url.get_backend_name()
    if backend == "postgresql":
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        elif url.drivername != "postgresql+psycopg":
            raise CommandError(f"use the psycopg driver: postgresql+psycopg://… "
                               f"(not {url.drivername})")
    elif backend == "sqlite":
        if url.database and url.database != ":memory:":
            folder = Path(url.database).expanduser().resolve().parent
            if not folder.is_dir():
                raise CommandError(f"the folder of the SQLite database does not exist: {folder}")
    else:
        raise CommandError(f"unsupported database {backend!r}: use sqlite:/// or "
                           f"postgresql+psycopg://")
    return url.render_as_string(hide_password=False)


def _shown(url: str) -> str:
    import sqlalchemy as sa

    return sa.make_url(url).render_as_string(hide_password=True)


def _database_problem(url: str, error: Exception) -> CommandError:
    detail = str(getattr(error, "orig", None) or error).strip().splitlines()
    return CommandError(f"cannot use the database {_shown(url)}: "
                        f"{detail[0] if detail else type(error).__name__}")


def migrate(url: str) -> None:
    """Create or upgrade the schema, as a CommandError when the database cannot be used."""
    import sqlalchemy as sa

    from clienteling.server.migrate import upgrade

    try:
        upgrade(url)
    except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.ProgrammingError) as error:
        raise _database_problem(url, error) from None


def require_current_schema(url: str) -> None:
    """Refuse to serve a schema that is empty or not this version's: migrating is a deploy
    step of its own (`server migrate`), never a side effect of starting an API process."""
    import sqlalchemy as sa

    from clienteling.server.migrate import outdated

    try:
        reason = outdated(url)
    except (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.ProgrammingError) as error:
        raise _database_problem(url, error) from None
    if reason:
        raise CommandError(f"{reason}: run `clienteling server migrate --database-url "
                           f"{_shown(url)}` first")


@contextmanager
def transaction(url: str) -> Iterator[Session]:
    """A session on `url` whose work commits when the block ends without an error."""
    from clienteling.server.db import make_engine, make_sessionmaker

    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            yield session
    finally:
        engine.dispose()


# --- progress -----------------------------------------------------------------------------


class ProgressPrinter:
    """Rows and rows/s of each file, on standard error: one line that updates in place on a
    terminal, one line a second otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.last = 0.0
        self.shown: tuple[str, str, int, bool] | None = None
        # Whether the apply has begun: from then on, an import that stops has written batches.
        self.applying = False

    def __call__(self, name: str, phase: str, rows: int, seconds: float, done: bool,
                 total: int | None = None) -> None:
        now = time.monotonic()
        if (not done and now - self.last < 1.0) or self.shown == (name, phase, rows, done):
            return
        self.last, self.shown = now, (name, phase, rows, done)
        self.applying = self.applying or phase == "apply"
        rate = rows / seconds if seconds > 0 else 0.0
        verb = "checked" if phase == "check" else "applied"
        text = f"{name}: {verb} {rows:,} row{'' if rows == 1 else 's'} ({rate:,.0f} rows/s"
        if done:
            text += f", {seconds:,.1f} s)"
        elif total and rate > 0:
            left = max(0, total - rows) / rate
            text += f", {rows * 100 // max(total, rows)} %, about {_duration(left)} left)"
        else:
            text += ")"
        if self.live:
            self.stream.write("\r\033[K" + text + ("\n" if done else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    whole = int(seconds + 0.5)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


# --- server commands ----------------------------------------------------------------------


def server_run_command(args: argparse.Namespace) -> int:
    import uvicorn

    from clienteling.server.app import create_app
    from clienteling.server.config import ENV_DATABASE_URL, ServerConfig
    from clienteling.server.demo.serve import bind
    from clienteling.server.logs import log_format, logging_config

    url = database_url(args)
    require_current_schema(url)
    try:
        sock = bind(args.host, args.port)
    except OSError as error:
        raise CommandError(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}"
                           ) from None
    port = sock.getsockname()[1]
    try:
        fmt = log_format(args.log_format)
    except ValueError as error:
        raise CommandError(str(error)) from None
    config = logging_config(fmt, args.log_level)
    logging.config.dictConfig(config)
    serving = (f"Serving the central API on http://{args.host}:{port} (database "
               f"{_shown(url)}); Ctrl+C stops it.")
    if fmt == "json":  # a log pipeline reads every line as JSON
        logging.getLogger("clienteling.server").info(serving)
    else:
        _err(serving)
    options: dict[str, Any] = {
        "log_level": args.log_level, "log_config": config, "proxy_headers": True,
        "forwarded_allow_ips": args.forwarded_allow_ips}
    if args.workers == 1:
        app = create_app(ServerConfig.from_env(url))
        uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])
        return 0
    from uvicorn.supervisors import Multiprocess

    # Each worker is a spawned process that builds its own app (and connection pool) from the
    # environment; they share the listening socket, and the API keeps no state between requests
    # outside the database, so any worker may answer any request.
    os.environ[ENV_DATABASE_URL] = url
    Multiprocess(uvicorn.Config("clienteling.server.app:create_app", factory=True,
                                workers=args.workers, **options), sockets=[sock]).run()
    return 0


def server_migrate_command(args: argparse.Namespace) -> int:
    url = database_url(args)
    migrate(url)
    _err(f"The schema of {_shown(url)} is up to date.")
    return 0


def print_accounts(accounts: list[DemoAccount], stream: TextIO | None = None) -> None:
    out = stream or sys.stdout
    password = {a.password for a in accounts}
    shared = next(iter(password)) if len(password) == 1 else None
    out.write("Demo accounts (demo data only"
              + (f"; the password of every one is {shared}" if shared else "") + "):\n")
    width = max(len(a.username) for a in accounts)
    for account in accounts:
        line = (f"  {account.username:<{width}}  {account.role:<8} "
                f"{account.store_id or '-':<6} {account.display_name}")
        out.write(line + ("" if shared else f"  password: {account.password}") + "\n")
    out.flush()


def server_seed_demo_command(args: argparse.Namespace) -> int:
    from clienteling.server.config import ServerConfig
    from clienteling.server.demo.seed import DEFAULT_CUSTOMERS, DEFAULT_SEED, seed_demo

    args.customers = args.customers or DEFAULT_CUSTOMERS
    args.seed = DEFAULT_SEED if args.seed is None else args.seed
    url = database_url(args)
    migrate(url)
    region = ServerConfig.from_env(url).phone_region
    try:
        with transaction(url) as session:
            result = seed_demo(session, customers=args.customers, seed=args.seed, region=region,
                               progress=ProgressPrinter())
    except Exception as error:
        if _is_database_error(error):
            raise _database_problem(url, error) from None
        raise
    report = result.report
    changed = sum(f.inserted + f.updated for f in report.files)
    _err(f"Demo data loaded into {_shown(url)}: {changed:,} rows written"
         + (" (it was already there)" if changed == 0 else "") + ".")
    print_accounts(result.accounts)
    return 0


def _is_database_error(error: Exception) -> bool:
    import sqlalchemy as sa

    return isinstance(error, sa.exc.DBAPIError | sa.exc.OperationalError)


def _print_report(report: ImportReport) -> None:
    for problem in report.problems[:SHOWN_PROBLEMS]:
        _err(str(problem))
    if report.invalid > len(report.problems[:SHOWN_PROBLEMS]):
        _err(f"… and {report.invalid - SHOWN_PROBLEMS:,} more bad rows "
             f"({report.invalid:,} in all).")
    for file in report.files:
        _err(f"{file.name}: {file.rows:,} row{'' if file.rows == 1 else 's'}, "
             f"{file.inserted:,} new, {file.updated:,} changed, "
             f"{file.unchanged:,} unchanged" + (f", {file.invalid:,} bad" if file.invalid else ""))
    if report.invalid and not report.applied:
        _err(f"Nothing was imported: {report.invalid:,} bad row"
             f"{'s' if report.invalid > 1 else ''}. Fix them, or import the good rows with "
             f"--skip-invalid.")
    elif report.invalid:
        _err(f"Imported the good rows; {report.invalid:,} bad row"
             f"{'s were' if report.invalid > 1 else ' was'} skipped.")


def server_import_command(args: argparse.Namespace) -> int:
    from clienteling.server.config import ServerConfig
    from clienteling.server.imports.rows import FORMATS
    from clienteling.server.imports.service import import_directory, present_files

    folder = Path(args.directory).expanduser()
    if not folder.is_dir():
        raise CommandError(f"no such directory: {folder}")
    if not present_files(folder):
        raise CommandError(f"no import file in {folder} (the files are: "
                           f"{', '.join(f.name for f in FORMATS)})")
    from clienteling.server.db import make_engine, make_sessionmaker

    url = database_url(args)
    migrate(url)
    region = ServerConfig.from_env(url).phone_region
    _err("Checking every row first: nothing is written unless the files are good (or "
         "--skip-invalid). Then the rows are applied in batches, each committed: if the import "
         "stops midway, run the same command again to finish it (rows already imported are "
         "left as they are).")
    progress = ProgressPrinter()
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            report = import_directory(session, folder=folder, skip_invalid=args.skip_invalid,
                                      region=region, progress=progress, commit_batches=True)
            session.commit()
    except BaseException as error:
        reason = str(getattr(error, "orig", error)).strip()[:500]
        if progress.applying:
            # Earlier batches are committed: say so, and how to finish (the apply is idempotent).
            _err(f"The import stopped midway ({reason or type(error).__name__}): the batches "
                 f"applied before are kept. Run the same import again to finish it.")
            if isinstance(error, Exception) and _is_database_error(error):
                raise CommandError(f"the database refused the import: {reason}") from None
            raise
        if isinstance(error, Exception) and _is_database_error(error):
            raise CommandError(f"the database refused the import, nothing was imported: "
                               f"{reason}") from None
        raise
    finally:
        engine.dispose()
    _print_report(report)
    if not report.applied:
        return IMPORT_REFUSED
    return IMPORT_SKIPPED if report.invalid else IMPORT_OK


def read_password(prompt: str = "Password: ") -> str:
    """One line of standard input (hidden when it is a terminal), without its line end."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def server_add_user_command(args: argparse.Namespace) -> int:
    from clienteling.domain.errors import DomainError
    from clienteling.server.auth.service import create_user

    url = database_url(args)
    password = read_password()
    if not password:
        raise CommandError("refusing an empty password (give it on standard input, one line)")
    migrate(url)
    try:
        with transaction(url) as session:
            user = create_user(session, username=args.username, password=password,
                               role=args.role, store_id=args.store,
                               display_name=args.display_name)
            summary = f"{user.username} ({user.role}, store {user.store_id})"
    except DomainError as error:
        raise CommandError(f"{error} [{error.code}]") from None
    _err(f"Created the account {summary}.")
    return 0


def _instant(text: str) -> Any:
    from datetime import UTC, datetime

    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "an ISO 8601 date or instant, e.g. 2026-11-29 or 2026-11-29T08:00:00+01:00") from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def server_audit_command(args: argparse.Namespace) -> int:
    """Print the audit log, newest first: one line an entry, or one JSON list with --json."""
    import json

    import sqlalchemy as sa

    from clienteling.server.audit.service import entries

    url = database_url(args)
    try:
        with transaction(url) as session:
            found, _ = entries(session, customer_id=args.customer, username=args.staff,
                               action=args.action, since=args.since, until=args.until,
                               limit=args.limit)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError) as error:
        raise CommandError(f"cannot read the audit log ({error.orig}); is the schema up to "
                           f"date? run: clienteling server migrate") from None
    if args.json:
        print(json.dumps([e.model_dump(mode="json") for e in found], ensure_ascii=False))
        return 0
    for entry in found:
        who = f"{entry.username or '-'}" + (f" ({entry.store_id})" if entry.store_id else "")
        about = f" customer {entry.customer_id}" if entry.customer_id else ""
        detail = " " + json.dumps(entry.detail, ensure_ascii=False) if entry.detail else ""
        print(f"{entry.at.isoformat(timespec='seconds')}  {entry.action:<20} {who}{about}"
              f"{detail}")
    _err(f"{len(found)} entr{'y' if len(found) == 1 else 'ies'}"
         + (" (the newest; --limit for more)" if len(found) == args.limit else ""))
    return 0


# --- privacy: GDPR rights and devices ----------------------------------------------------


def _operator() -> str:
    """Who ran the command, for the audit log: the operating system's user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        user = "unknown"
    return f"{user} (command line)"[:150]


@contextmanager
def _privacy_database(url: str) -> Iterator[Session]:
    """`transaction(url)`, with a missing or outdated schema as a clear error."""
    import sqlalchemy as sa

    try:
        with transaction(url) as session:
            yield session
    except (sa.exc.OperationalError, sa.exc.ProgrammingError) as error:
        raise CommandError(f"cannot use the database {_shown(url)} ({error.orig}); is the "
                           f"schema up to date? run: clienteling server migrate") from None


def server_gdpr_export_command(args: argparse.Namespace) -> int:
    """Print everything held on a customer as one JSON object (and --html FILE, readable)."""
    import json

    from clienteling.domain.errors import DomainError
    from clienteling.server.privacy.export import export_customer, export_html

    url = database_url(args)
    try:
        with _privacy_database(url) as session:
            document = export_customer(session, customer_id=args.customer_id,
                                       requested_by=_operator())
    except DomainError as error:
        raise CommandError(str(error)) from None
    if args.html:
        Path(args.html).expanduser().write_text(export_html(document), encoding="utf-8")
        _err(f"Wrote the readable export to {args.html}.")
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0


def server_gdpr_erase_command(args: argparse.Namespace) -> int:
    """Erase a customer's personal data, or record the request while an order is open."""
    from clienteling.domain.errors import DomainError
    from clienteling.server.privacy.erasure import request_erasure

    url = database_url(args)
    try:
        # The request is committed even when refused: it is carried out when the order closes.
        with _privacy_database(url) as session:
            outcome = request_erasure(session, customer_id=args.customer_id,
                                      requested_by=_operator(), reason=args.reason)
    except DomainError as error:
        raise CommandError(str(error)) from None
    if outcome.already:
        _err(f"Customer {args.customer_id} was already erased.")
    elif not outcome.done:
        raise CommandError(
            f"customer {args.customer_id} has an open order ({', '.join(outcome.open_orders)})"
            f": erasure is recorded and will be carried out when it closes")
    else:
        _err(f"Erased customer {args.customer_id}: their orders are kept without them, and "
             f"their devices get the deletes at their next sync.")
    return 0


def server_gdpr_purge_command(args: argparse.Namespace) -> int:
    """List the customers past the retention setting and, without --dry-run, erase them."""
    from clienteling.server.audit import service as audit
    from clienteling.server.config import ServerConfig
    from clienteling.server.privacy.erasure import open_orders, past_retention, request_erasure

    url = database_url(args)
    retention = ServerConfig.from_env(url).retention_days
    with _privacy_database(url) as session:
        expired = past_retention(session, retention_days=retention)
    erased: list[str] = []
    skipped: list[str] = []
    for customer in expired:
        print(f"{customer.customer_id} {customer.last_activity.isoformat()}", flush=True)
        if args.dry_run:
            continue
        # One transaction a customer: an interrupted purge keeps what it did.
        with _privacy_database(url) as session:
            waiting = open_orders(session, customer.customer_id)
            if not waiting:
                request_erasure(session, customer_id=customer.customer_id,
                                requested_by=_operator(), reason="retention")
        if waiting:
            skipped.append(customer.customer_id)
            _err(f"{customer.customer_id}: skipped, open order ({', '.join(waiting)})")
        else:
            erased.append(customer.customer_id)
    with _privacy_database(url) as session:
        audit.record(session, action=audit.Action.GDPR_PURGE, staff=None, username=_operator(),
                     detail={"dry_run": args.dry_run, "retention_days": retention,
                             "past_retention": len(expired), "erased": len(erased),
                             "skipped": skipped})
    verb = "would be erased (dry run)" if args.dry_run else f"erased, {len(skipped)} skipped"
    _err(f"{len(expired)} customer{'' if len(expired) == 1 else 's'} past the retention of "
         f"{retention} days; " + (verb if args.dry_run else f"{len(erased)} {verb}") + ".")
    return 0


def server_devices_list_command(args: argparse.Namespace) -> int:
    import json

    from clienteling.server.devices.service import list_devices, lost_work

    url = database_url(args)
    with _privacy_database(url) as session:
        devices = list_devices(session, store_id=args.store)
        # What each revoked device had not sent (its last report): lost with the device.
        lost = {d.device_id: lost_work(session, device_id=d.device_id).entries
                for d in devices if d.revoked and not args.json}
    if args.json:
        print(json.dumps([d.model_dump(mode="json") for d in devices], ensure_ascii=False))
        return 0
    for d in devices:
        seen = d.last_seen_at.isoformat(timespec="seconds") if d.last_seen_at else "-"
        print(f"{d.device_id:>6}  {d.username:<20} {d.store_id or '-':<8} {seen:<25} "
              f"{'revoked' if d.revoked else 'active ':<8} {d.name}")
        for entry in lost.get(d.device_id, []):
            print(f"        lost with the device: {entry.kind} "
                  f"customer {entry.customer_id or '-'} order {entry.order_number or '-'} "
                  f"made {entry.created_at.isoformat(timespec='seconds')}")
    _err(f"{len(devices)} device{'' if len(devices) == 1 else 's'}")
    return 0


def server_devices_revoke_command(args: argparse.Namespace) -> int:
    from clienteling.domain.errors import DomainError
    from clienteling.server.devices.service import lost_work, revoke_device

    url = database_url(args)
    try:
        with _privacy_database(url) as session:
            device = revoke_device(session, device_id=args.device_id, staff=None,
                                   username=_operator())
    except DomainError as error:
        raise CommandError(str(error)) from None
    _err(f"Revoked device {device.device_id} ({device.name}, {device.username}): its tokens no "
         f"longer work, and at its next contact it wipes its data.")
    with _privacy_database(url) as session:
        unsent = lost_work(session, device_id=device.device_id).entries
    if unsent:
        _err(f"It had {len(unsent)} unsent change(s) at its last contact, lost with it "
             f"(`server devices list` shows them).")
    return 0


def _device_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a device id: {text!r}") from None


def _add_privacy_commands(commands: Any) -> None:
    gdpr = commands.add_parser(
        "gdpr", help="customers' rights: access (export), erasure, retention (purge)",
        description="The GDPR rights of customers; every command is recorded in the audit log.")
    rights = gdpr.add_subparsers(dest="gdpr_command", metavar="COMMAND", required=True)
    export = rights.add_parser(
        "export", help="print everything held on a customer as one JSON object",
        description="Print one JSON object with everything held on the customer: customer, "
                    "consents (with their history), orders, wishlist, interactions, notes, "
                    "tasks, audit.")
    export.add_argument("customer_id", metavar="CUSTOMER_ID")
    export.add_argument("--html", metavar="FILE", help="also write a readable HTML page")
    _add_database_url(export)
    export.set_defaults(handler=server_gdpr_export_command)
    erase = rights.add_parser(
        "erase", help="erase a customer's personal data (orders kept without the person)",
        description="Erase the customer's personal data; their orders are kept without them and "
                    "every device that held them gets deletes. Refused (exit 1) while the "
                    "customer has an open order: the request is recorded and carried out when "
                    "the last one closes.")
    erase.add_argument("customer_id", metavar="CUSTOMER_ID")
    erase.add_argument("--reason", help="why (kept with the request, e.g. the ticket number)")
    _add_database_url(erase)
    erase.set_defaults(handler=server_gdpr_erase_command)
    purge = rights.add_parser(
        "purge", help="list and erase customers past the retention setting",
        description="List the customers whose last purchase (or enrolment, if they never "
                    "bought) is older than CLIENTELING_RETENTION_DAYS (default 1095), one line "
                    "each: customer_id and that date; without --dry-run, erase them (those with "
                    "an open order are skipped, and said so).")
    purge.add_argument("--dry-run", action="store_true", help="list only")
    _add_database_url(purge)
    purge.set_defaults(handler=server_gdpr_purge_command)

    devices = commands.add_parser("devices", help="signed-in devices: list them, revoke a lost one")
    actions = devices.add_subparsers(dest="devices_command", metavar="COMMAND", required=True)
    listing = actions.add_parser("list", help="list the devices and when each was last seen")
    listing.add_argument("--store", metavar="STORE_ID", help="the devices of this store's staff")
    listing.add_argument("--json", action="store_true", help="one JSON list on standard output")
    _add_database_url(listing)
    listing.set_defaults(handler=server_devices_list_command)
    revoke = actions.add_parser(
        "revoke", help="revoke a device: its tokens stop working and it wipes itself")
    revoke.add_argument("device_id", metavar="DEVICE_ID", type=_device_id)
    _add_database_url(revoke)
    revoke.set_defaults(handler=server_devices_revoke_command)


# --- the demo -----------------------------------------------------------------------------


def demo_command(args: argparse.Namespace) -> int:
    from clienteling.server.demo.seed import DEFAULT_CUSTOMERS
    from clienteling.server.demo.serve import start_demo_server
    from clienteling.settings import demo_folder

    args.customers = args.customers or DEFAULT_CUSTOMERS
    folder = demo_folder(args.data_dir)
    if not args.server_only:
        # The app with the demo server inside it (the ui package is imported only here: the
        # core never depends on it, and a server-only install never loads Qt).
        from ui.app import run_demo

        return run_demo(customers=args.customers, data_dir=folder,
                        screenshots=args.screenshots, port=args.port)
    # The same database as the app's demo (DIR/server), on the same port.
    _err(f"Preparing the demo in {folder / 'server'} …")
    try:
        server = start_demo_server(folder / "server", args.customers, port=args.port,
                                   progress=ProgressPrinter())
    except OSError as error:
        raise CommandError(f"cannot start the demo server: {error}") from None
    print(f"The demo central API is at {server.url}", flush=True)
    print_accounts(server.accounts)
    _err("Ctrl+C stops it.")
    try:
        while server._thread.is_alive():
            server._thread.join(0.5)
    except KeyboardInterrupt:
        _err("Stopping.")
    finally:
        server.stop()
    return 0


# --- the parser ---------------------------------------------------------------------------


def _add_database_url(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", metavar="URL",
                        help="the central database (default: $CLIENTELING_DATABASE_URL, else a "
                             "SQLite file in the user data directory)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is from 0 to 65535")
    return value


# The demo's size and seed (clienteling.server.demo.seed has the same ones); the parser
# cannot import the server package: `clienteling --help` works without the server extra.
DEMO_CUSTOMERS_SHOWN = 2000
DEMO_SEED_SHOWN = 1


def _add_server_commands(subparsers: Any) -> None:
    server = subparsers.add_parser("server", help="run and administer the central API",
                                   description="The central API and its database.")
    commands = server.add_subparsers(dest="server_command", metavar="COMMAND", required=True)

    run = commands.add_parser(
        "run", help="serve the central API (the schema must be migrated: server migrate)")
    _add_database_url(run)
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=_port, default=8765)
    run.add_argument("--log-level", default="info",
                     choices=("critical", "error", "warning", "info", "debug"))
    run.add_argument("--log-format", choices=("text", "json"),
                     help="text lines, or one JSON object a line for a log pipeline (default: "
                          "$CLIENTELING_LOG_FORMAT, else text)")
    run.add_argument("--forwarded-allow-ips", default="127.0.0.1", metavar="IPS",
                     help="the TLS-terminating proxies whose X-Forwarded-For/-Proto to trust "
                          "(comma-separated; default 127.0.0.1)")
    run.add_argument("--workers", type=_positive, default=1, metavar="N",
                     help="serve with N processes on the one port (default 1); each has its "
                          "own connection pool of CLIENTELING_DB_POOL_SIZE")
    run.set_defaults(handler=server_run_command)

    migrate_parser = commands.add_parser("migrate", help="create or upgrade the schema")
    _add_database_url(migrate_parser)
    migrate_parser.set_defaults(handler=server_migrate_command)

    seed = commands.add_parser(
        "seed-demo", help="load the deterministic demo chain and its staff accounts",
        description="Load the demo chain (same seed, same data) and create a seller and a "
                    "manager per demo store and an admin; prints their credentials.")
    _add_database_url(seed)
    seed.add_argument("--customers", type=_positive,
                      help=f"how many customers (default {DEMO_CUSTOMERS_SHOWN:,})")
    seed.add_argument("--seed", type=int, help=f"the generator's seed (default {DEMO_SEED_SHOWN})")
    seed.set_defaults(handler=server_seed_demo_command)

    importer = commands.add_parser(
        "import", help="import stores, products, stock, customers, wishlists, interactions, "
                       "orders from a directory",
        description="Import the files of DIR (stores.csv, products.csv, stock.csv, "
                    "customers.csv, wishlists.csv, interactions.csv, orders.jsonl). Every row "
                    "is checked first; a bad row is reported as file:line: reason. Re-importing "
                    "the same files changes nothing. Exit codes: 0 imported, 1 bad rows and "
                    "nothing imported (or another error), 3 imported with bad rows skipped "
                    "(--skip-invalid).")
    importer.add_argument("directory", metavar="DIR")
    importer.add_argument("--skip-invalid", action="store_true",
                          help="import the good rows and report the bad ones")
    _add_database_url(importer)
    importer.set_defaults(handler=server_import_command)

    add_user = commands.add_parser(
        "add-user", help="create a staff account (password on standard input)",
        description="Create a staff account; the password is one line of standard input.")
    add_user.add_argument("username")
    add_user.add_argument("--role", required=True, choices=("seller", "manager", "admin"))
    add_user.add_argument("--store", required=True, metavar="STORE_ID")
    add_user.add_argument("--display-name")
    _add_database_url(add_user)
    add_user.set_defaults(handler=server_add_user_command)
    _add_audit_command(commands)
    _add_privacy_commands(commands)


def _add_audit_command(commands: Any) -> None:
    from clienteling.server.audit.service import Action

    audit = commands.add_parser(
        "audit", help="read the audit log (who read or changed which customer, when)",
        description="Print the audit log, newest first: reads of another store's customers, "
                    "order moves, assignments and tier changes, staff accounts created, failed "
                    "sign-ins, exports.")
    audit.add_argument("--customer", metavar="CUSTOMER_ID", help="entries about this customer")
    audit.add_argument("--staff", metavar="USERNAME", help="entries by this staff member")
    audit.add_argument("--action", choices=[a.value for a in Action])
    audit.add_argument("--since", type=_instant, metavar="WHEN", help="from this date or instant")
    audit.add_argument("--until", type=_instant, metavar="WHEN", help="before this date or instant")
    audit.add_argument("--limit", type=_positive, default=100)
    audit.add_argument("--json", action="store_true", help="one JSON list on standard output")
    _add_database_url(audit)
    audit.set_defaults(handler=server_audit_command)


def _add_demo_command(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo", help="serve the demo chain on 127.0.0.1 (seeded the first time)",
        description="Start an embedded central API on 127.0.0.1 with the deterministic demo "
                    "data, seeded into DIR the first time, and print its address and accounts.")
    demo.add_argument("--customers", type=_positive,
                      help=f"how many customers the first time (default {DEMO_CUSTOMERS_SHOWN:,})")
    demo.add_argument("--data-dir", metavar="DIR",
                      help="where the demo database lives (default: the user data directory)")
    demo.add_argument("--screenshots", metavar="DIR",
                      help="render every screen of the app to PNG files in DIR, then exit")
    demo.add_argument("--port", type=_port, default=DEMO_PORT,
                      help=f"the demo API's port on 127.0.0.1 (default {DEMO_PORT}, the same "
                           f"for the app and --server-only)")
    demo.add_argument("--server-only", action="store_true",
                      help="serve the demo chain and print its accounts, without the app")
    demo.set_defaults(handler=demo_command)


def app_command(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(args.data_dir)


def _add_app_command(subparsers: Any) -> None:
    app = subparsers.add_parser(
        "app", help="open the app with the saved account (the default command)",
        description="Open the app with the saved account; the first run offers to connect to "
                    "a server or to try the demo.")
    app.add_argument("--data-dir", metavar="DIR",
                     help="where settings and replicas live (default: the user directories)")
    app.set_defaults(handler=app_command)


def build_parser() -> argparse.ArgumentParser:
    from clienteling import __version__
    from clienteling.device import commands as device_commands

    parser = argparse.ArgumentParser(
        prog="clienteling",
        description="Clienteling for store staff: the app, the device commands and the "
                    "central API.")
    parser.add_argument("--version", action="version", version=f"clienteling {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_app_command(subparsers)
    _add_demo_command(subparsers)
    device_commands.add_parsers(subparsers)
    _add_server_commands(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        if args.command is None:  # plain `clienteling`: the app
            args = parser.parse_args(["app"])
            handler = args.handler
        else:
            parser.print_help(sys.stderr)
            return 2
    try:
        return int(handler(args))
    except ModuleNotFoundError as error:
        needs = ("app", "server") if args.command == "demo" and not getattr(
            args, "server_only", False) else ()
        advice = missing_extra(error, needs=needs)
        if advice is None:
            raise
        _err(f"clienteling: {advice}")
        return 1
    except CommandError as error:
        _err(f"clienteling: {error}")
        return error.code
    except KeyboardInterrupt:
        _err("clienteling: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
