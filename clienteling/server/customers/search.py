"""Finding customers by name, email, phone or card among millions, with index range scans only.

Every search is a list of branches. A branch is a prefix range (or an equality) on one of the
byte-ordered key columns of `CustomerRow`, which a plain B-tree serves on SQLite and on
PostgreSQL alike, plus filters on the rows that range yields; its results come in (key,
customer_id) order. Branch i leaves out what an earlier branch matched, so a customer appears
once. The cursor is (branch, key, customer_id) of the last item: keyset pagination, no OFFSET.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, literal, not_, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from clienteling.domain.phones import looks_like_phone, to_e164
from clienteling.domain.text import fold, fold_tokens
from clienteling.server.customers.models import CustomerRow
from clienteling.server.problems import ApiProblem

_PHONE_PUNCTUATION = re.compile(r"[\s\-.()/]+")
_MAX_CURSOR = 2048
MAX_TOKENS = 6
MAX_DRIVERS = 3


def search_keys(first_name: str, last_name: str, email: str | None, phone: str | None,
                region: str) -> dict[str, str | None]:
    """The key columns of a customer row: every writer of a customer sets them with this."""
    email_key = email.strip().lower() if email and email.strip() else None
    return {
        "first_name_key": fold(first_name)[:100],
        "last_name_key": fold(last_name)[:100],
        "email_key": email_key[:254] if email_key else None,
        "phone_e164": to_e164(phone, region) if phone else None,
    }


def next_prefix(prefix: str) -> str:
    """The smallest string above every string that starts with `prefix`, in code point order
    (which is byte order in UTF-8, the order of the key columns on both databases)."""
    last = ord(prefix[-1]) + 1
    if 0xD800 <= last <= 0xDFFF:  # surrogates are not characters: skip to the next one
        last = 0xE000
    return prefix[:-1] + chr(min(last, 0x10FFFF))


def _prefix(column: InstrumentedAttribute[Any], prefix: str) -> ColumnElement[bool]:
    # `column IS NOT NULL` makes the predicate FALSE, never NULL, so NOT() of it excludes right.
    return and_(column.is_not(None), column >= prefix, column < next_prefix(prefix))


@dataclass(frozen=True)
class Branch:
    """Rows whose `column` starts with `prefix` (or equals `equals`), passing `filters`."""

    column: InstrumentedAttribute[Any]
    prefix: str | None = None
    equals: str | None = None
    filters: tuple[ColumnElement[bool], ...] = field(default=())

    def predicate(self) -> ColumnElement[bool]:
        if self.equals is not None:
            match = self.column == self.equals
        elif self.prefix:
            match = _prefix(self.column, self.prefix)
        else:
            match = true()
        return and_(match, *self.filters)


def _word_start(column: InstrumentedAttribute[Any], token: str) -> ColumnElement[bool]:
    """`token` starts the key or one of its later words ("eloi" in "saint eloi").

    Only used to filter the rows a branch's index range already found, never to find rows:
    it is the range on the driving token that keeps the search fast."""
    return or_(_prefix(column, token), (literal(" ") + column).contains(" " + token))


def _name_branches(tokens: list[str]) -> list[Branch]:
    """Each token must start the first or the last name (or a later word of it, "pierre" in
    "jean pierre"). One token drives an index range, the others filter what it finds. Which
    token starts a name is unknown ("martin jean pierre"), so each one drives in turn, the
    longest (usually the most selective) first; a compound name typed whole ("saint-eloi",
    "jean pierre") is also tried as one prefix."""
    branches: list[Branch] = []
    if len(tokens) > 1:
        phrase = " ".join(tokens)
        branches += [Branch(CustomerRow.last_name_key, prefix=phrase),
                     Branch(CustomerRow.first_name_key, prefix=phrase)]
    drivers = sorted(dict.fromkeys(tokens), key=len, reverse=True)[:MAX_DRIVERS]
    for driver in drivers:
        rest = list(tokens)
        rest.remove(driver)
        filters = tuple(
            or_(_word_start(CustomerRow.last_name_key, t),
                _word_start(CustomerRow.first_name_key, t))
            for t in rest
        )
        branches += [Branch(CustomerRow.last_name_key, prefix=driver, filters=filters),
                     Branch(CustomerRow.first_name_key, prefix=driver, filters=filters)]
    return branches


def classify(q: str, region: str) -> list[Branch]:
    """The branches a typed query means: a card, a phone number, an email, or names."""
    text = q.strip()
    if not text:
        return []
    if "@" in text:
        email = text.lower().replace(" ", "")
        return [Branch(CustomerRow.email_key, prefix=email)]
    compact = _PHONE_PUNCTUATION.sub("", text)
    digits = compact[1:] if compact.startswith("+") else compact
    if digits.isascii() and digits.isdigit():
        branches = []
        phone = to_e164(text, region) if looks_like_phone(text) else None
        if phone:
            branches.append(Branch(CustomerRow.phone_e164, equals=phone))
        if compact.isdigit() and len(compact) <= 13:
            branches.append(Branch(CustomerRow.loyalty_card, prefix=compact))
        return branches
    # A name has a few words: more are typing noise, and each one would cost a filter.
    tokens = fold_tokens(text)[:MAX_TOKENS]
    return _name_branches(tokens) if tokens else []


def store_list(store_id: str) -> list[Branch]:
    """A store's customers (the client book), by last name."""
    return [Branch(CustomerRow.last_name_key, filters=(CustomerRow.home_store_id == store_id,))]


# --- cursor -------------------------------------------------------------------------------


def encode_cursor(branch: int, key: str, customer_id: str) -> str:
    raw = json.dumps([branch, key, customer_id], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, branches: int) -> tuple[int, str, str]:
    bad = ApiProblem(422, "This page cursor is not valid for this search: start again.",
                     code="search.cursor")
    if len(cursor) > _MAX_CURSOR:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise bad from error
    if not (isinstance(value, list) and len(value) == 3 and type(value[0]) is int
            and 0 <= value[0] < branches and isinstance(value[1], str)
            and isinstance(value[2], str) and "\x00" not in value[1] + value[2]):
        raise bad
    return value[0], value[1], value[2]


# --- running a search ---------------------------------------------------------------------


def run(session: Session, branches: list[Branch], *, limit: int,
        cursor: str | None) -> tuple[list[CustomerRow], str | None]:
    """One page of the customers the branches match, and the cursor of the next page."""
    start, after = 0, None
    if cursor:
        if not branches:
            raise ApiProblem(422, "This page cursor is not valid for this search: start again.",
                             code="search.cursor")
        start, key, customer_id = decode_cursor(cursor, len(branches))
        after = (key, customer_id)
    found: list[tuple[int, CustomerRow]] = []
    for index in range(start, len(branches)):
        branch = branches[index]
        column = branch.column
        conditions = [branch.predicate()]
        # What an earlier branch matched was on its pages already.
        conditions += [not_(earlier.predicate()) for earlier in branches[:index]]
        if index == start and after is not None:
            key, customer_id = after
            # Written out rather than as a row value, so the key column alone bounds the scan.
            conditions += [column >= key,
                           or_(column > key, CustomerRow.customer_id > customer_id)]
        rows = session.scalars(
            select(CustomerRow).where(*conditions)
            .order_by(column, CustomerRow.customer_id)
            .limit(limit + 1 - len(found))
        ).all()
        found += [(index, row) for row in rows]
        if len(found) > limit:
            break
    if len(found) <= limit:
        return [row for _, row in found], None
    index, last = found[limit - 1]
    key = getattr(last, branches[index].column.key)
    return [row for _, row in found[:limit]], encode_cursor(index, key, last.customer_id)
