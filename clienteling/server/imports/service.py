"""Importing a directory of the seven files: every row checked first, then applied in one go.

The run streams each file twice and never holds one in memory:
1. Check: every row parsed and validated, its references resolved against the files of the
   run (compact key indexes) and the database (one query per batch), duplicates found.
2. Apply (only when nothing is wrong, or with `skip_invalid`): in dependency order, batches of
   a few thousand rows. For each batch one query reads the stored rows by key; rows equal to
   what is stored are left alone (no version bump, no `updated_at`, no feed change), the others
   are inserted or updated in bulk and their feed changes recorded in bulk.
By default the caller owns the transaction: commit it when `ImportReport.applied`. With
`commit_batches` (the command line) the run commits the check, then each applied batch: a
night's import never holds SQLite's write lock nor the feed's horizon (a PostgreSQL transaction
the devices' feeds wait for) for its whole length, only for one batch. A run that stops midway
leaves whole batches behind; running it again on the same files finishes it, since the apply is
idempotent (a row equal to the stored one is left alone, and each batch's rows, feed changes,
stock holds and customer figures commit together).

Imported orders are history with one exception: an order still open (confirmed, ready for
pickup) holds stock on the shelves its lines come from, as an order placed through the API
does. `stock.csv` sets `on_hand` only; `reserved` belongs to the orders: an imported open order
adds its lines to it and an order re-imported closed releases them, as atomic increments like
the API's own, so an order placed while the import runs is never lost from it.

On PostgreSQL, rows about to change are read again under a row lock before they are written
(only those: an unchanged re-import locks nothing). On SQLite the run holds the write lock.
"""

from __future__ import annotations

import contextlib
import csv
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Protocol

from sqlalchemy import Select, Table, Text, and_, bindparam, func, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from clienteling.domain import timeline
from clienteling.domain.orders import RESERVING, FulfillmentType
from clienteling.server import bulk, wire
from clienteling.server.customers import figures
from clienteling.server.customers.models import CustomerRow, InteractionRow, WishlistRow
from clienteling.server.customers.service import search_keys
from clienteling.server.db import utcnow
from clienteling.server.feed import service as feed
from clienteling.server.feed.service import CUSTOMER, PendingChange, as_json
from clienteling.server.imports import rows
from clienteling.server.imports.files import BrokenFile, lines, prefetched, read
from clienteling.server.imports.keys import KeyIndex
from clienteling.server.imports.rows import FileFormat, Record, RowError
from clienteling.server.orders.models import OrderLineRow, OrderRow
from clienteling.server.orders.service import pickup_code
from clienteling.server.products.models import ProductRow
from clienteling.server.products.service import search_text
from clienteling.server.stock import service as stock
from clienteling.server.stores.models import StoreRow

BATCH = 2000
MAX_PROBLEMS_KEPT = 100
_IN_CHUNK = 1000
_OPEN_PICKUP = frozenset(s.value for s in feed.OPEN_PICKUP)
_RESERVING = [s.value for s in RESERVING]

class Progress(Protocol):
    """(file, phase "check" | "apply", rows so far, seconds so far, finished, rows expected
    when known: the apply of a checked file, whose good rows are counted)."""

    def __call__(self, name: str, phase: str, rows: int, seconds: float, done: bool,
                 total: int | None = None) -> None: ...


@dataclass(frozen=True)
class RowProblem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class FileReport:
    name: str
    rows: int = 0
    invalid: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    check_seconds: float = 0.0
    apply_seconds: float = 0.0


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)  # the first MAX_PROBLEMS_KEPT
    invalid: int = 0  # every bad row, kept or not
    applied: bool = False

    def file(self, name: str) -> FileReport:
        return next(f for f in self.files if f.name == name)


def present_files(folder: Path) -> list[FileFormat]:
    """The import files found in `folder`, in the order they are applied."""
    return [fmt for fmt in rows.FORMATS if (folder / fmt.name).is_file()]


def import_directory(session: Session, *, folder: Path, skip_invalid: bool = False,
                     region: str = "FR", progress: Progress | None = None,
                     now: datetime | None = None, commit_batches: bool = False) -> ImportReport:
    """Check the import files of `folder`, then apply them if every row is good (or, with
    `skip_invalid`, apply the good rows). With `commit_batches`, commit each applied batch.
    See the module docstring."""
    run = _Run(session, folder=folder, skip_invalid=skip_invalid, region=region,
               progress=progress, now=now or utcnow(), commit_batches=commit_batches)
    return run.execute()


def _table(model: type[Any]) -> Table:
    """A mapped class's table, typed as one (SQLAlchemy types `__table__` more loosely)."""
    table: Table = model.__table__
    return table


def _insert(session: Session, model: type[Any], rows_: list[Record]) -> None:
    """A batch of new rows in one go (every row has every column): COPY on PostgreSQL."""
    bulk.insert_rows(session, _table(model), rows_)


def _joined_keys(columns: Sequence[Any], key_columns: Sequence[Any],
                 keys: Sequence[Any]) -> Select[Any]:
    """The rows with these keys, on PostgreSQL: the keys as arrays joined to the table, each
    row found through the key's index. A thousand-pair IN list is planned as a scan of the
    whole table once it grows (wishlists: slower with every batch), and is a long text
    to build and parse."""
    single = len(key_columns) == 1
    arrays = [bindparam(f"k{i}", [key if single else key[i] for key in keys],
                        type_=ARRAY(Text)) for i in range(len(key_columns))]
    wanted = func.unnest(*arrays).table_valued(
        *[f"k{i}" for i in range(len(key_columns))]).render_derived()
    table = key_columns[0].table
    return select(*columns).select_from(table.join(wanted, and_(*(
        column == wanted.c[f"k{i}"] for i, column in enumerate(key_columns)))))


def _chunks(values: Sequence[Any], size: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


_KEY_COLUMNS = {rows.STORE: StoreRow.store_id, rows.PRODUCT: ProductRow.sku,
                rows.CUSTOMER: CustomerRow.customer_id}
_TABLES = {rows.STORES.name: ("stores",), rows.PRODUCTS.name: ("products",),
           rows.STOCK.name: ("stock",), rows.CUSTOMERS.name: ("customers",),
           rows.WISHLISTS.name: ("wishlist_items",), rows.INTERACTIONS.name: ("interactions",),
           rows.ORDERS.name: ("orders", "order_lines", "interactions")}
_ANALYZE_AFTER = 10_000
_SQLITE_CACHE_KIB = 256 * 1024
_SQLITE_WAL_PAGES = 1_000_000
_KIND_FILE = {rows.STORE: rows.STORES.name, rows.PRODUCT: rows.PRODUCTS.name,
              rows.CUSTOMER: rows.CUSTOMERS.name}


# --- the run ------------------------------------------------------------------------------


class _Run:
    def __init__(self, session: Session, *, folder: Path, skip_invalid: bool, region: str,
                 progress: Progress | None, now: datetime, commit_batches: bool) -> None:
        self.session = session
        self.commit_batches = commit_batches
        self.folder = folder
        self.skip_invalid = skip_invalid
        self.region = region
        self.progress = progress
        self.now = now
        self.report = ImportReport()
        self.headers: dict[str, set[str]] = {}
        self.bad_lines: dict[str, set[int]] = {}
        self.broken: set[str] = set()
        # Keys of the good rows of the stores, products and customers files of this run.
        self.indexes: dict[str, KeyIndex] = {}
        # Keys known to be in the database (stores and products are few; customers are not).
        self.known: dict[str, set[str]] = {rows.STORE: set(), rows.PRODUCT: set()}
        self.postgres = session.get_bind().dialect.name == "postgresql"

    def _settle_transaction(self) -> None:
        """This run's setting of each of its transactions (PostgreSQL)."""
        if self.postgres:
            # Plan every query with its actual keys. After a few runs psycopg prepares a
            # statement and PostgreSQL may switch to a generic plan, in which a list of a
            # thousand keys is searched row by row instead of through a hash or an index.
            self.session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))

    def _commit(self) -> None:
        if self.commit_batches:
            self.session.commit()
            self._settle_transaction()

    def execute(self) -> ImportReport:
        formats = present_files(self.folder)
        if self.postgres:
            self._settle_transaction()
            return self._run(formats)
        # SQLite: a page cache big enough for the indexes of a million customers, for this
        # run only (the default 2 MB makes every insert read its index pages again).
        previous = self.session.execute(text("PRAGMA cache_size")).scalar_one()
        self.session.execute(text(f"PRAGMA cache_size = {-_SQLITE_CACHE_KIB}"))
        # Committed batches: the WAL is copied back into the database once at the end, as
        # one transaction would, not every 4 MB (each copy rewrites and syncs the indexes'
        # pages: customers were imported a third slower).
        checkpoint = self.session.execute(text("PRAGMA wal_autocheckpoint")).scalar_one()
        self.session.execute(text(f"PRAGMA wal_autocheckpoint = {_SQLITE_WAL_PAGES}"))
        try:
            return self._run(formats)
        finally:
            # Never hides the error that ended the run, if one did.
            with contextlib.suppress(Exception):
                self.session.execute(text(f"PRAGMA cache_size = {int(previous)}"))
                self.session.execute(text(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}"))

    def _run(self, formats: list[FileFormat]) -> ImportReport:
        for fmt in formats:
            self.report.files.append(FileReport(fmt.name))
            self._check(fmt)
        if self.report.invalid and not self.skip_invalid:
            return self.report
        self._commit()  # the check wrote nothing: this only ends its reads
        for fmt in formats:
            if fmt.name not in self.broken:
                self._apply(fmt)
        self.report.applied = True
        return self.report

    # --- problems and progress ---

    def _problem(self, fmt: FileFormat, line: int, reason: str) -> None:
        self.bad_lines.setdefault(fmt.name, set()).add(line)
        self.report.file(fmt.name).invalid += 1
        self.report.invalid += 1
        if len(self.report.problems) < MAX_PROBLEMS_KEPT:
            self.report.problems.append(RowProblem(fmt.name, line, reason))

    def _tell(self, fmt: FileFormat, phase: str, count: int, started: float,
              done: bool = False, total: int | None = None) -> None:
        if self.progress is not None:
            self.progress(fmt.name, phase, count, time.monotonic() - started, done, total)

    # --- 1. check ---

    def _check(self, fmt: FileFormat) -> None:
        report = self.report.file(fmt.name)
        started = time.monotonic()
        index, unique = KeyIndex(), KeyIndex()
        pending: list[tuple[int, Record]] = []
        path = self.folder / fmt.name
        expected = _rows_about(path, fmt)
        try:
            if fmt.is_csv:
                self._header(path, fmt)
            for line, item in read(path, fmt):
                report.rows += 1
                if isinstance(item, RowError):
                    self._problem(fmt, line, item.reason)
                    continue
                try:
                    pending.append((line, fmt.parse(item, self.region)))
                except RowError as error:
                    self._problem(fmt, line, error.reason)
                    continue
                if len(pending) >= BATCH:
                    self._resolve(fmt, pending, index, unique)
                    pending = []
                    self._tell(fmt, "check", report.rows, started, total=expected)
        except BrokenFile as error:
            self._problem(fmt, error.line, error.reason)
            self.broken.add(fmt.name)
        self._resolve(fmt, pending, index, unique)
        duplicates, unique_duplicates = index.freeze(), unique.freeze()
        if (duplicates or unique_duplicates) and fmt.name not in self.broken:
            self._confirm_duplicates(fmt, duplicates, unique_duplicates)
        for kind, name in _KIND_FILE.items():
            if name == fmt.name:
                self.indexes[kind] = index
        report.check_seconds = time.monotonic() - started
        self._tell(fmt, "check", report.rows, started, done=True, total=report.rows)

    def _header(self, path: Path, fmt: FileFormat) -> None:
        with path.open("rb") as handle:
            try:
                self.headers[fmt.name] = {n.strip() for n in next(csv.reader(lines(handle)), [])}
            except (csv.Error, BrokenFile):
                self.headers[fmt.name] = set()

    def _missing(self, kind: str, keys: Iterable[str]) -> set[str]:
        """Which of `keys` are neither among the good rows of this run nor in the database."""
        index = self.indexes.get(kind)
        known = self.known.get(kind)
        wanted = {k for k in keys if (index is None or k not in index)
                  and (known is None or k not in known)}
        if not wanted:
            return set()
        column = _KEY_COLUMNS[kind]
        found: set[str] = set()
        for chunk in _chunks(sorted(wanted)):
            found.update(self.session.scalars(select(column).where(column.in_(chunk))))
        if known is not None:
            known.update(found)
        return wanted - found

    def _resolve(self, fmt: FileFormat, pending: list[tuple[int, Record]], index: KeyIndex,
                 unique: KeyIndex) -> None:
        """Finish checking a batch of parsed rows: references, unique columns, ownership."""
        if not pending:
            return
        refs = [list(fmt.references(record)) for _, record in pending]
        wanted: dict[str, set[str]] = {}
        for row_refs in refs:
            for _, kind, key in row_refs:
                wanted.setdefault(kind, set()).add(key)
        missing = {kind: self._missing(kind, keys) for kind, keys in wanted.items()}
        owners = self._owners(fmt, [record for _, record in pending])
        for (line, record), row_refs in zip(pending, refs, strict=True):
            reason = next((f"{label}: unknown {kind} {key!r} (neither in the database nor in "
                           f"{_KIND_FILE[kind]})"
                           for label, kind, key in row_refs if key in missing[kind]), None)
            if reason is None:
                reason = self._ownership(fmt, record, owners)
            if reason is not None:
                self._problem(fmt, line, reason)
                continue
            index.add(fmt.key(record))
            pair = fmt.unique(record)
            if pair is not None:
                unique.add(pair[1])

    def _owners(self, fmt: FileFormat, records: list[Record]) -> dict[str, str]:
        """For files with a second unique column or an owner: value → key of the stored row."""
        if fmt is rows.CUSTOMERS:
            value_col, key_col, field_name = (CustomerRow.loyalty_card, CustomerRow.customer_id,
                                              "loyalty_card")
        elif fmt is rows.PRODUCTS:
            value_col, key_col, field_name = ProductRow.ean, ProductRow.sku, "ean"
        elif fmt is rows.ORDERS:
            value_col, key_col, field_name = (OrderRow.order_number, OrderRow.customer_id,
                                              "order_number")
        else:
            return {}
        values = sorted({r[field_name] for r in records})
        owners: dict[str, str] = {}
        for chunk in _chunks(values):
            owners.update((str(value), key) for value, key in self.session.execute(
                select(value_col, key_col).where(value_col.in_(chunk))).all())
        return owners

    @staticmethod
    def _ownership(fmt: FileFormat, record: Record, owners: dict[str, str]) -> str | None:
        if fmt is rows.CUSTOMERS:
            owner = owners.get(record["loyalty_card"])
            if owner is not None and owner != record["customer_id"]:
                return f"loyalty_card: already the card of customer {owner!r}"
        elif fmt is rows.PRODUCTS:
            owner = owners.get(record["ean"])
            if owner is not None and owner != record["sku"]:
                return f"ean: already the EAN of product {owner!r}"
        elif fmt is rows.ORDERS:
            owner = owners.get(record["order_number"])
            if owner is not None and owner != record["customer_id"]:
                return f"customer_id: order {record['order_number']!r} is customer {owner!r}'s"
        return None

    def _confirm_duplicates(self, fmt: FileFormat, duplicates: set[int],
                            unique_duplicates: set[int]) -> None:
        """Read the file again to name the lines of keys seen twice (by hash) among good rows:
        the first one stays, the later ones are reported."""
        first_key: dict[Any, int] = {}
        first_unique: dict[str, int] = {}
        bad = self.bad_lines.get(fmt.name, set())
        for line, item in read(self.folder / fmt.name, fmt):
            if line in bad or isinstance(item, RowError):
                continue
            record = fmt.parse(item, self.region)
            key = fmt.key(record)
            if KeyIndex.digest(key) in duplicates:
                if key in first_key:
                    shown = key if isinstance(key, str) else "/".join(key)
                    self._problem(fmt, line, f"duplicate key {shown!r} (first on line "
                                             f"{first_key[key]})")
                    continue
                first_key[key] = line
            pair = fmt.unique(record)
            if pair is not None and KeyIndex.digest(pair[1]) in unique_duplicates:
                if pair[1] in first_unique:
                    self._problem(fmt, line, f"{pair[0]}: {pair[1]!r} is also on line "
                                             f"{first_unique[pair[1]]}")
                    continue
                first_unique[pair[1]] = line

    # --- 2. apply ---

    def _apply(self, fmt: FileFormat) -> None:
        report = self.report.file(fmt.name)
        started = time.monotonic()
        appliers: dict[str, Callable[[list[Record]], tuple[int, int]]] = {
            rows.STORES.name: self._apply_stores,
            rows.PRODUCTS.name: self._apply_products,
            rows.STOCK.name: self._apply_stock,
            rows.CUSTOMERS.name: self._apply_customers,
            rows.WISHLISTS.name: self._apply_wishlists,
            rows.INTERACTIONS.name: self._apply_interactions,
            rows.ORDERS.name: self._apply_orders,
        }
        apply = appliers[fmt.name]
        done = 0
        # The good rows, as far as the check knows (with --skip-invalid a few more may drop).
        expected = report.rows - report.invalid
        for batch in self._good_batches(fmt):
            batch = self._still_referenced(fmt, batch)
            inserted, updated = apply([record for _, record in batch])
            report.inserted += inserted
            report.updated += updated
            report.unchanged += len(batch) - inserted - updated
            done += len(batch)
            # Rows read in this batch are written: forget them, so the session stays small
            # and later batches never see stale copies.
            self.session.expunge_all()
            self._commit()
            self._tell(fmt, "apply", done, started, total=expected)
        if self.postgres and report.inserted >= _ANALYZE_AFTER:
            # Fresh statistics, so the next files of the run (and the API afterwards) find
            # these rows through their indexes; ANALYZE sees this transaction's own rows.
            for table in _TABLES[fmt.name]:
                self.session.execute(text(f"ANALYZE {table}"))
            self._commit()
        report.apply_seconds = time.monotonic() - started
        self._tell(fmt, "apply", done, started, done=True, total=expected)

    def _good_batches(self, fmt: FileFormat) -> Iterator[list[tuple[int, Record]]]:
        return prefetched(self._parsed_batches(fmt))

    def _parsed_batches(self, fmt: FileFormat) -> Iterator[list[tuple[int, Record]]]:
        bad = self.bad_lines.get(fmt.name, set())
        batch: list[tuple[int, Record]] = []
        for line, item in read(self.folder / fmt.name, fmt):
            if line in bad or isinstance(item, RowError):
                continue
            batch.append((line, fmt.parse(item, self.region)))
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def _still_referenced(self, fmt: FileFormat,
                          batch: list[tuple[int, Record]]) -> list[tuple[int, Record]]:
        """With skipped rows, a good row may refer to one that was skipped for a reason found
        late (a duplicate card): those rows are skipped too, rather than refused by the
        database. Without skipped rows every reference was resolved by the check."""
        if not (self.skip_invalid and self.report.invalid):
            return batch
        refs = [list(fmt.references(record)) for _, record in batch]
        wanted: dict[str, set[str]] = {}
        for row_refs in refs:
            for _, kind, key in row_refs:
                wanted.setdefault(kind, set()).add(key)
        found: dict[str, set[str]] = {}
        for kind, keys in wanted.items():
            column = _KEY_COLUMNS[kind]
            found[kind] = set()
            for chunk in _chunks(sorted(keys)):
                found[kind].update(self.session.scalars(select(column).where(column.in_(chunk))))
        kept = []
        for (line, record), row_refs in zip(batch, refs, strict=True):
            lost = next(((label, kind, key) for label, kind, key in row_refs
                         if key not in found[kind]), None)
            if lost is None:
                kept.append((line, record))
            else:
                self._problem(fmt, line, f"{lost[0]}: {lost[1]} {lost[2]!r} was not imported "
                                         f"(its own row is invalid)")
        return kept

    def _existing(self, columns: Sequence[Any], key_columns: Sequence[Any], keys: Sequence[Any],
                  *, lock: bool = False) -> dict[Any, dict[str, Any]]:
        """The stored rows with these keys, as {key: {column: value}}; locked until the end of
        the run with `lock`."""
        found: dict[Any, dict[str, Any]] = {}
        single = len(key_columns) == 1
        target = key_columns[0] if single else tuple_(*key_columns)
        for chunk in _chunks(list(keys)):
            if self.postgres:
                query = _joined_keys(columns, key_columns, chunk)
            else:
                query = select(*columns).where(target.in_(chunk))
            if lock:
                query = query.with_for_update(of=key_columns[0].table)
            for mapping in self.session.execute(query).mappings():
                key = (mapping[key_columns[0].key] if single
                       else tuple(mapping[c.key] for c in key_columns))
                found[key] = dict(mapping)
        return found

    def _lock(self, columns: Sequence[Any], key_columns: Sequence[Any],
              stored: dict[Any, dict[str, Any]], keys: Iterable[Any]) -> None:
        """Read again, locked, the stored rows about to change, so the API cannot change them
        between this read and the write (PostgreSQL; SQLite serialises writers). Only those:
        locking every row read would write to every row of an unchanged re-import."""
        wanted = [key for key in keys if key in stored]
        if self.postgres and wanted:
            stored.update(self._existing(columns, key_columns, wanted, lock=True))

    def _write(self, model: type[Any], inserts: list[Record], updates: list[Record]) -> None:
        if inserts:
            _insert(self.session, model, inserts)
        if updates:
            self.session.execute(update(model), updates)

    @staticmethod
    def _changed(target: Record, stored: Record) -> bool:
        return any(stored[name] != value for name, value in target.items())

    def _everyone(self, entity: str, key: str, data: Any) -> PendingChange:
        return PendingChange(entity, key, "upsert", feed.ALL, None, as_json(data))

    def _apply_stores(self, batch: list[Record]) -> tuple[int, int]:
        stored = self._existing(list(StoreRow.__table__.columns), [StoreRow.store_id],
                                [r["store_id"] for r in batch])
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        changes: list[Any] = []
        for record in batch:
            old = stored.get(record["store_id"])
            if old is not None and not self._changed(record, old):
                continue
            values = {**record, "updated_at": self.now}
            (updates if old is not None else inserts).append(values)
            changes.append(self._everyone("store", record["store_id"],
                                          wire.store(_row(values))))
        self._write(StoreRow, inserts, updates)
        feed.record_many(self.session, changes)
        return len(inserts), len(updates)

    def _apply_products(self, batch: list[Record]) -> tuple[int, int]:
        stored = self._existing(list(ProductRow.__table__.columns), [ProductRow.sku],
                                [r["sku"] for r in batch])
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        changes: list[Any] = []
        for record in batch:
            old = stored.get(record["sku"])
            if old is not None and not self._changed(record, old):
                continue
            values = {**record, "updated_at": self.now, "search_text": search_text(
                name=record["name"], brand=record["brand"], category=record["category"],
                sku=record["sku"], ean=record["ean"])}
            (updates if old is not None else inserts).append(values)
            changes.append(self._everyone("product", record["sku"],
                                          wire.product(_row(values))))
        self._write(ProductRow, inserts, updates)
        feed.record_many(self.session, changes)
        return len(inserts), len(updates)

    # stock

    def _apply_stock(self, batch: list[Record]) -> tuple[int, int]:
        """`on_hand` from the file. `reserved` is the orders' business (see the module)."""
        return stock.set_on_hand(
            self.session, {(r["store_id"], r["sku"]): r["on_hand"] for r in batch},
            now=self.now)

    # customers and what is theirs

    def _customer_changes(self, entity: str, key: str, data: Any,
                          audience: Iterable[str]) -> list[PendingChange]:
        payload = as_json(data)
        return [PendingChange(entity, key, "upsert", CUSTOMER, store_id, payload)
                for store_id in sorted(audience)]

    def _consents(self, record: Record, old: Record | None) -> None:
        """Date the consents when the file does not: a consent that changed (or a new
        customer's) is dated now (or at enrolment) with the source "import"; one that did not
        change keeps its date and source."""
        header = self.headers.get(rows.CUSTOMERS.name, set())
        for channel in ("email", "sms"):
            at, source = f"consent_{channel}_at", f"consent_{channel}_source"
            if at in header or source in header:
                continue
            granted = record[f"consent_{channel}"]
            if old is not None and old[f"consent_{channel}"] == granted:
                record[at], record[source] = old[at], old[source]
            elif old is None:
                record[at] = record["created_at"] if granted else None
                record[source] = "import" if granted else None
            else:
                record[at], record[source] = self.now, "import"

    def _apply_customers(self, batch: list[Record]) -> tuple[int, int]:
        columns, key = list(CustomerRow.__table__.columns), [CustomerRow.customer_id]
        stored = self._existing(columns, key, [r["customer_id"] for r in batch])
        # An erased customer stays erased: importing an old file never brings them back.
        batch = [r for r in batch if (stored.get(r["customer_id"]) or {}).get("erased_at") is None]
        changing = []
        for record in batch:
            old = stored.get(record["customer_id"])
            self._consents(record, old)
            if old is not None and self._changed(record, old):
                changing.append(record["customer_id"])
        # Versions are bumped from the row as it is once locked.
        self._lock(columns, key, stored, changing)
        inserts: list[Record] = []
        updates: list[Record] = []
        moved: dict[str, set[str]] = {}
        for record in batch:
            old = stored.get(record["customer_id"])
            self._consents(record, old)
            if old is not None and not self._changed(record, old):
                continue
            values = {**record, **search_keys(record["first_name"], record["last_name"],
                                              record["email"], record["phone"], self.region),
                      "updated_at": self.now}
            if old is None:
                inserts.append({**values, "version": 1, "assigned_seller_id": None})
            else:
                updates.append({**old, **values, "version": old["version"] + 1})
                if old["home_store_id"] != record["home_store_id"]:
                    moved[record["customer_id"]] = set()
        if moved:
            moved.update(feed.customer_audiences(self.session, list(moved)))
        self._write(CustomerRow, inserts, updates)
        changes: list[PendingChange] = []
        for values in inserts:
            changes += self._customer_changes(
                "customer", values["customer_id"], wire.customer(_row(values)),
                [values["home_store_id"]])
        audiences = feed.customer_audiences(
            self.session, [v["customer_id"] for v in updates if v["customer_id"] not in moved])
        for values in updates:
            customer_id = values["customer_id"]
            if customer_id in moved:
                # The stores that gain the customer get everything of theirs, those that lose
                # them get deletes; the customer upsert goes to the stores that keep them.
                before = moved[customer_id]
                after = feed.rescope_customer(self.session, customer_id, before)
                audience = before & after
            else:
                audience = audiences.get(customer_id, set())
            changes += self._customer_changes("customer", customer_id,
                                              wire.customer(_row(values)), audience)
        feed.record_many(self.session, changes)
        return len(inserts), len(updates)

    def _apply_wishlists(self, batch: list[Record]) -> tuple[int, int]:
        keys = [(r["customer_id"], r["sku"]) for r in batch]
        stored = self._existing(list(WishlistRow.__table__.columns),
                                [WishlistRow.customer_id, WishlistRow.sku], keys)
        inserts: list[Record] = []
        updates: list[Record] = []
        for record, key in zip(batch, keys, strict=True):
            old = stored.get(key)
            if old is not None and not self._changed(record, old):
                continue
            (updates if old is not None else inserts).append(record)
        self._write(WishlistRow, inserts, updates)
        audiences = feed.customer_audiences(self.session,
                                            [r["customer_id"] for r in inserts + updates])
        changes: list[PendingChange] = []
        for values in inserts + updates:
            changes += self._customer_changes(
                "wishlist_item", feed.wishlist_key(values["customer_id"], values["sku"]),
                wire.wishlist_item(_row(values)),
                audiences.get(values["customer_id"], set()))
        feed.record_many(self.session, changes)
        return len(inserts), len(updates)

    def _apply_interactions(self, batch: list[Record]) -> tuple[int, int]:
        stored = self._existing(list(InteractionRow.__table__.columns),
                                [InteractionRow.interaction_id],
                                [r["interaction_id"] for r in batch])
        inserts: list[Record] = []
        updates: list[Record] = []
        for record in batch:
            old = stored.get(record["interaction_id"])
            if old is not None and not self._changed(record, old):
                continue
            (updates if old is not None else inserts).append(record)
        self._write(InteractionRow, inserts, updates)
        self._record_interactions(inserts + updates)
        return len(inserts), len(updates)

    def _record_interactions(self, entries: list[Record]) -> None:
        audiences = feed.customer_audiences(self.session, [e["customer_id"] for e in entries])
        changes: list[PendingChange] = []
        for values in entries:
            changes += self._customer_changes(
                "interaction", values["interaction_id"],
                wire.interaction(_row(values)),
                audiences.get(values["customer_id"], set()))
        feed.record_many(self.session, changes)

    # orders

    @staticmethod
    def _open_pickup(order: Record) -> bool:
        return (order["fulfillment_type"] == FulfillmentType.CLICK_AND_COLLECT.value
                and order["status"] in _OPEN_PICKUP)

    @staticmethod
    def _holds(order: Record, lines: Iterable[Record], sign: int,
               deltas: dict[tuple[str, str], int]) -> None:
        if order["status"] in _RESERVING:
            for line in lines:
                if line["source_store_id"]:
                    pair = (line["source_store_id"], line["sku"])
                    deltas[pair] = deltas.get(pair, 0) + sign * line["quantity"]

    def _order_lines(self, numbers: Sequence[str]) -> dict[str, list[Record]]:
        found: dict[str, list[Record]] = {}
        for chunk in _chunks(list(numbers)):
            for mapping in self.session.execute(
                    select(*OrderLineRow.__table__.columns)
                    .where(OrderLineRow.order_number.in_(chunk))
                    .order_by(OrderLineRow.order_number, OrderLineRow.line_no)).mappings():
                found.setdefault(mapping["order_number"], []).append(dict(mapping))
        return found

    def _complete(self, record: Record, old: Record | None) -> None:
        """Fill what the file may leave out from the stored order, or make it."""
        if record["pickup_code"] is None:
            # Kept once given: the code on the customer's confirmation must keep working.
            record["pickup_code"] = (old["pickup_code"] if old is not None else None) or (
                pickup_code() if record["fulfillment_type"]
                == FulfillmentType.CLICK_AND_COLLECT.value else None)
        for name in ("payment_mode", "origin_store_id"):
            if record[name] is None and old is not None:
                record[name] = old[name]

    def _order_changed(self, record: Record, lines: list[Record], old: Record,
                       old_lines: list[Record]) -> bool:
        shape = [(ln["sku"], ln["quantity"], ln["unit_price"], ln["source_store_id"])
                 for ln in lines]
        return self._changed(record, old) or shape != [
            (ln["sku"], ln["quantity"], ln["unit_price"], ln["source_store_id"])
            for ln in old_lines]

    def _apply_orders(self, batch: list[Record]) -> tuple[int, int]:
        numbers = [r["order_number"] for r in batch]
        columns, key = list(OrderRow.__table__.columns), [OrderRow.order_number]
        stored = self._existing(columns, key, numbers)
        stored_lines = self._order_lines([n for n in numbers if n in stored])
        lines_of = {r["order_number"]: [{**line, "order_number": r["order_number"]}
                                        for line in r.pop("lines")] for r in batch}
        changing = []
        for record in batch:
            number = record["order_number"]
            old = stored.get(number)
            if old is not None:
                self._complete(record, old)
                if self._order_changed(record, lines_of[number], old,
                                       stored_lines.get(number, [])):
                    changing.append(number)
        if changing and self.postgres:
            # Moved along through the API meanwhile? Compare with the order once locked.
            self._lock(columns, key, stored, changing)
            stored_lines.update(self._order_lines(changing))

        new_orders: list[Record] = []
        changed_orders: list[Record] = []
        lines_out: list[Record] = []
        rescoped: set[str] = set()
        deltas: dict[tuple[str, str], int] = {}
        for record in batch:
            number = record["order_number"]
            lines = lines_of[number]
            old = stored.get(number)
            self._complete(record, old)
            old_lines = stored_lines.get(number, [])
            if old is not None and not self._order_changed(record, lines, old, old_lines):
                continue
            # A new order's last known change is its making: the file says nothing later, and
            # the import's own time would have the counter list years of history as
            # "collected today". A changed one changed now.
            values = {**record, "updated_at": self.now if old is not None
                      else min(record["created_at"], self.now)}
            (changed_orders if old is not None else new_orders).append(values)
            lines_out += lines
            self._holds(values, lines, +1, deltas)
            if old is not None:
                self._holds(old, old_lines, -1, deltas)
            if self._open_pickup(values) or (old is not None and self._open_pickup(old)):
                rescoped.add(values["customer_id"])
        if not new_orders and not changed_orders:
            return 0, 0

        before = feed.customer_audiences(self.session, rescoped) if rescoped else {}
        self._write(OrderRow, new_orders, changed_orders)
        if changed_orders:
            changed_numbers = [o["order_number"] for o in changed_orders]
            for chunk in _chunks(changed_numbers):
                self.session.execute(
                    _table(OrderLineRow).delete().where(OrderLineRow.order_number.in_(chunk)))
        if lines_out:
            _insert(self.session, OrderLineRow, lines_out)
        entries = self._order_entries(new_orders, lines_out)
        stock.adjust_reserved(self.session, deltas, now=self.now)
        # The client book's stored figures of every customer whose orders changed here.
        figures.refresh(self.session, {o["customer_id"] for o in new_orders + changed_orders}
                        | {stored[o["order_number"]]["customer_id"] for o in changed_orders})

        audiences: dict[str, set[str]] = {}
        for customer_id in sorted(rescoped):
            after = feed.rescope_customer(self.session, customer_id,
                                          before.get(customer_id, set()))
            audiences[customer_id] = before.get(customer_id, set()) & after
        audiences.update(feed.customer_audiences(self.session, {
            o["customer_id"] for o in new_orders + changed_orders} - rescoped))

        names = self._product_names({line["sku"] for line in lines_out})
        by_order: dict[str, list[Record]] = {}
        for line in lines_out:
            by_order.setdefault(line["order_number"], []).append(line)
        changes: list[PendingChange] = []
        for values in new_orders + changed_orders:
            lines = [_row(line) for line in by_order[values["order_number"]]]
            row = _row({**values, "lines": lines})
            changes += self._customer_changes("order", values["order_number"],
                                              wire.order(row, names),
                                              audiences.get(values["customer_id"], set()))
        for entry in entries:
            changes += self._customer_changes("interaction", entry["interaction_id"],
                                              wire.interaction(_row(entry)),
                                              audiences.get(entry["customer_id"], set()))
        feed.record_many(self.session, changes)
        return len(new_orders), len(changed_orders)

    def _product_names(self, skus: set[str]) -> dict[str, str]:
        names: dict[str, str] = {}
        for chunk in _chunks(sorted(skus)):
            names.update(self.session.execute(
                select(ProductRow.sku, ProductRow.name).where(ProductRow.sku.in_(chunk))
            ).all())
        return names

    def _order_entries(self, orders: list[Record], lines: list[Record]) -> list[Record]:
        """The timeline entry of each order new to the database, as the API writes one for an
        order it places (`order-<number>`), dated when the order was made."""
        if not orders:
            return []
        items: dict[str, int] = {}
        for line in lines:
            items[line["order_number"]] = items.get(line["order_number"], 0) + line["quantity"]
        wanted = {f"order-{o['order_number']}": o for o in orders}
        taken: set[str] = set()
        for chunk in _chunks(sorted(wanted)):
            taken.update(self.session.scalars(select(InteractionRow.interaction_id).where(
                InteractionRow.interaction_id.in_(chunk))))
        said = {entry_id: _order_said(order, items.get(order["order_number"], 0))
                for entry_id, order in wanted.items() if entry_id not in taken}
        entries = [{
            "interaction_id": entry_id, "customer_id": wanted[entry_id]["customer_id"],
            "occurred_at": wanted[entry_id]["created_at"], "channel": wanted[entry_id]["channel"],
            "kind": "order", "summary": entry.summary, "code": entry.code,
            "params": entry.params,
            "store_id": (wanted[entry_id]["fulfillment_store_id"]
                         or wanted[entry_id]["origin_store_id"]),
            "author": None,
        } for entry_id, entry in said.items()]
        if entries:
            _insert(self.session, InteractionRow, entries)
        return entries


def _rows_about(path: Path, fmt: FileFormat) -> int:
    """About how many rows the file holds, for the check's time to go: its line ends (a CSV
    cell may hold one more), without its header. Reads a gigabyte in about a second."""
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
    return max(0, count - (1 if fmt.is_csv else 0))


def _row(values: Record) -> Any:
    """A stored row as the wire converters read it (attributes), without the cost of an ORM
    instance: the importer converts hundreds of thousands of them."""
    return SimpleNamespace(**values)


def _order_said(order: Record, items: int) -> timeline.Said:
    return timeline.order_placed(
        number=order["order_number"], items=items, total=order["total"],
        currency=order["currency"], fulfilment=order["fulfillment_type"],
        store_id=order["fulfillment_store_id"])
