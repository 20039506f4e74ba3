"""Reading the import files as streams of (line number, row): CSV rows as dicts of column →
text (cells trimmed), orders.jsonl lines as parsed JSON; a file that cannot be read on is a
`BrokenFile`. Bytes are decoded a line at a time, so a bad one is reported on its own line."""

from __future__ import annotations

import codecs
import csv
import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from queue import Full, Queue
from typing import IO, Any, TypeVar

from clienteling.server.imports.rows import FileFormat, Record, RowError

T = TypeVar("T")


class BrokenFile(Exception):
    """The file cannot be read on (header, encoding, CSV syntax): none of it is used."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def lines(handle: IO[bytes]) -> Iterator[str]:
    """The lines of a UTF-8 file (a BOM tolerated), decoded one at a time so that bad bytes are
    reported on their own line."""
    for number, raw in enumerate(handle, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BrokenFile(number, "not UTF-8 text: save the file as UTF-8") from None


def _read_csv(path: Path, fmt: FileFormat) -> Iterator[tuple[int, Record | RowError]]:
    with path.open("rb") as handle:
        reader = csv.reader(lines(handle), strict=True)
        try:
            header = [name.strip() for name in next(reader)]
        except StopIteration:
            raise BrokenFile(1, "the file is empty: a header row is required") from None
        except csv.Error as error:
            raise BrokenFile(1, f"not valid CSV: {error}") from None
        _check_header(header, fmt)
        width = len(header)
        start = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise BrokenFile(start, f"not valid CSV: {error}") from None
            line, start = start, reader.line_num + 1
            if not values:
                continue  # a blank line
            if len(values) != width:
                yield line, RowError(f"{width} fields expected, {len(values)} found")
                continue
            yield line, dict(zip(header, [v.strip() for v in values], strict=True))


def _check_header(header: list[str], fmt: FileFormat) -> None:
    for position, name in enumerate(header):
        if not name:
            raise BrokenFile(1, f"column {position + 1} of the header has no name")
        if header.count(name) > 1:
            raise BrokenFile(1, f"column {name!r} appears twice in the header")
    missing = [name for name in fmt.required if name not in header]
    if missing:
        raise BrokenFile(1, f"missing column{'s' if len(missing) > 1 else ''}: "
                             f"{', '.join(missing)}")
    known = set(fmt.required) | set(fmt.optional)
    unknown = [name for name in header if name not in known]
    if unknown:
        raise BrokenFile(1, f"unknown column {unknown[0]!r} (the columns are: "
                             f"{', '.join(fmt.required + fmt.optional)})")


def _read_jsonl(path: Path) -> Iterator[tuple[int, Record | RowError]]:
    with path.open("rb") as handle:
        for number, text in enumerate(lines(handle), 1):
            if not text.strip():
                continue
            try:
                value = json.loads(text, parse_float=Decimal)
            except ValueError as error:
                yield number, RowError(f"not valid JSON: {getattr(error, 'msg', error)}")
                continue
            except RecursionError:
                yield number, RowError("not valid JSON: nested too deeply")
                continue
            if not isinstance(value, dict):
                yield number, RowError("not a JSON object")
                continue
            yield number, value


def read(path: Path, fmt: FileFormat) -> Iterator[tuple[int, Record | RowError]]:
    return _read_csv(path, fmt) if fmt.is_csv else _read_jsonl(path)


def prefetched(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """`items`, produced up to `depth` ahead by a background thread: reading and parsing the
    next batch overlaps the database's work on this one (the drivers release the GIL while the
    database works)."""
    queue: Queue[tuple[str, Any]] = Queue(maxsize=depth)
    stop = threading.Event()

    def put(message: tuple[str, Any]) -> bool:
        while not stop.is_set():
            try:
                queue.put(message, timeout=0.1)
                return True
            except Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(("item", item)):
                    return
            put(("done", None))
        except BaseException as error:  # handed to the consumer, raised there
            put(("error", error))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=produce, name="clienteling-import-reader", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = queue.get()
            if kind == "done":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        thread.join()
