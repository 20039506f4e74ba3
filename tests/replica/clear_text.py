"""A `strings`-style scan: which files under a folder hold a customer's name, email or phone in
clear (as written, folded as the search index keeps it, JSON-escaped, in UTF-8 or UTF-16, any
case)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from clienteling.domain.phones import to_e164
from clienteling.domain.text import fold

MIN_LENGTH = 6  # shorter words ("Jean") turn up by chance in a megabyte of random bytes


def needles(*, names: Iterable[str] = (), emails: Iterable[str] = (),
            phones: Iterable[str] = ()) -> set[str]:
    """What would give a customer away: each name and its folded form, each email, each
    phone as typed, in E.164 and as bare national digits."""
    found: set[str] = set()
    for name in names:
        found.update({name, fold(name)})
        found.update(name.split() + fold(name).split())
    for email in emails:
        found.update({email, email.split("@")[0]})
    for phone in phones:
        e164 = to_e164(phone)
        found.add(phone)
        if e164:
            found.update({e164, e164[3:], "0" + e164[3:]})
    # JSON keeps "Lefèvre" as "Lef\\u00e8vre" unless told otherwise: both forms count.
    found.update(json.dumps(n)[1:-1] for n in list(found))
    return {n.lower() for n in found if len(n) >= MIN_LENGTH}


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def clear_text_hits(folder: Path, words: set[str]) -> dict[str, list[str]]:
    """{file relative to folder: the words found in it}; empty when nothing is readable."""
    hits: dict[str, list[str]] = {}
    for path in files_under(folder):
        data = path.read_bytes().lower()
        found = sorted(w for w in words
                       if w.encode() in data or w.encode("utf-16-le") in data)
        if found:
            hits[str(path.relative_to(folder))] = found
    return hits
