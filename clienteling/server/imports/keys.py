"""A compact set of the keys seen in an import file: 8 bytes a key, for files of millions of rows.

Keys are kept as their 64-bit hashes in sorted arrays. A hash match is taken as the key being
there: a false match needs two keys of one run colliding on 64 bits, and costs at worst a
reference that the database then refuses (the run fails cleanly, it never writes a bad row).
Duplicates found by hash are confirmed on the keys themselves before anyone is told.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections.abc import Hashable

_CHUNK = 1 << 16


class KeyIndex:
    """Add keys while streaming a file, `freeze()` once, then test membership."""

    def __init__(self) -> None:
        self._buffer: list[int] = []
        self._chunks: list[array[int]] = []
        self._sorted: array[int] | None = None
        self._duplicates: set[int] = set()

    @staticmethod
    def digest(key: Hashable) -> int:
        # hash() of str and tuples of str is stable within a process: all a run needs.
        return hash(key)

    def add(self, key: Hashable) -> None:
        if self._sorted is not None:
            raise RuntimeError("the index is frozen")
        self._buffer.append(hash(key))
        if len(self._buffer) >= _CHUNK:
            self._spill()

    def _spill(self) -> None:
        self._buffer.sort()
        self._chunks.append(array("q", self._buffer))
        self._buffer = []

    def freeze(self) -> set[int]:
        """Merge what was added into one sorted array; returns the hashes added more than once."""
        if self._sorted is None:
            if self._buffer or not self._chunks:
                self._spill()
            merged: array[int] = array("q")
            previous: int | None = None
            for value in heapq.merge(*self._chunks):
                if value == previous:
                    self._duplicates.add(value)
                else:
                    merged.append(value)
                    previous = value
            self._chunks = []
            self._sorted = merged
        return set(self._duplicates)

    def __contains__(self, key: Hashable) -> bool:
        if self._sorted is None:
            raise RuntimeError("freeze() the index first")
        value = hash(key)
        position = bisect_left(self._sorted, value)
        return position < len(self._sorted) and self._sorted[position] == value

    def __len__(self) -> int:
        if self._sorted is None:
            return len(self._buffer) + sum(len(c) for c in self._chunks)
        return len(self._sorted)
