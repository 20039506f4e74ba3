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
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, not_, or_, select, true, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from clienteling.domain.contact import is_email
from clienteling.domain.errors import DomainError
from clienteling.domain.phones import looks_like_phone, to_e164
from clienteling.domain.text import fold, fold_tokens
from clienteling.server.customers.models import CustomerRow

_PHONE_PUNCTUATION = re.compile(r"[\s\-.()/]+")
_MAX_CURSOR = 2048
MAX_TOKENS = 6
PROBES = (200, 5000)


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
    # Order after `column`, as its index holds the columns (then customer_id, unless unique).
    then: tuple[InstrumentedAttribute[Any], ...] = field(default=())
    unique: bool = False

    @property
    def order(self) -> tuple[InstrumentedAttribute[Any], ...]:
        tail = () if self.unique else (CustomerRow.customer_id,)
        return (self.column, *self.then, *tail)

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
    return or_(_prefix(column, token), column.contains(" " + token))


def _last_names(**kwargs: Any) -> Branch:
    return Branch(CustomerRow.last_name_key, then=(CustomerRow.first_name_key,), **kwargs)


def _first_names(**kwargs: Any) -> Branch:
    return Branch(CustomerRow.first_name_key, then=(CustomerRow.last_name_key,), **kwargs)


def _range_sizes(session: Session, tokens: list[str], cap: int) -> dict[str, tuple[int, int]]:
    """How many last names and first names start with each token, counted up to `cap` in the
    indexes; one statement for all."""
    counts = []
    for token in tokens:
        for column in (CustomerRow.last_name_key, CustomerRow.first_name_key):
            probe = select(literal(1)).where(_prefix(column, token)).limit(cap).subquery()
            counts.append(select(func.count()).select_from(probe).scalar_subquery())
    row = session.execute(select(*counts)).one()
    return {t: (row[2 * i], row[2 * i + 1]) for i, t in enumerate(tokens)}


def choose_driver(session: Session, tokens: list[str]) -> str:
    """The token whose name ranges hold the fewest customers, counted in the index up to a cap
    (a small one first, a larger one only for the tokens that all reach it). On a tie, the one
    with fewer first names (a common first name is far commoner than a common last name), then
    the longest, then the last typed."""
    candidates = list(dict.fromkeys(tokens))
    if len(candidates) == 1:
        return candidates[0]
    position = {t: i for i, t in enumerate(candidates)}
    sizes: dict[str, tuple[int, int]] = {}
    for cap in PROBES:
        sizes = _range_sizes(session, candidates, cap)
        # A token no name starts with can only match a later word ("pierre" in "jean pierre"):
        # driving with it would find nothing, so it filters instead.
        starting = [t for t in candidates if sum(sizes[t])] or candidates
        smallest = min(sum(sizes[t]) for t in starting)
        candidates = [t for t in starting if sum(sizes[t]) == smallest]
        if smallest < cap:
            break
    return min(candidates, key=lambda t: (sizes[t][1], -len(t), -position[t]))


def _name_branches(tokens: list[str], driver: str) -> list[Branch]:
    """Each token must start the first or the last name. The driver's two index ranges (last
    names, first names) then hold every match, and the other tokens filter inside the index,
    where they may also start a later word ("pierre" in "jean pierre"). A compound name typed
    whole ("saint-eloi", "jean pierre") is first tried as one prefix."""
    branches: list[Branch] = []
    if len(tokens) > 1:
        phrase = " ".join(tokens)
        branches += [_last_names(prefix=phrase), _first_names(prefix=phrase)]
    rest = list(tokens)
    rest.remove(driver)
    filters = tuple(
        or_(_word_start(CustomerRow.last_name_key, t), _word_start(CustomerRow.first_name_key, t))
        for t in rest
    )
    return [*branches, _last_names(prefix=driver, filters=filters),
            _first_names(prefix=driver, filters=filters)]


def _in_store(branches: list[Branch], store_id: str | None) -> list[Branch]:
    """The branches limited to the customers of `store_id` (None: the whole chain)."""
    if store_id is None:
        return branches
    mine = CustomerRow.home_store_id == store_id
    return [replace(b, filters=(*b.filters, mine)) for b in branches]


def classify(session: Session, q: str, region: str, driver: str | None = None,
             store_id: str | None = None) -> tuple[list[Branch], str | None]:
    """The branches a typed query means (a card, a phone number, an email, or names), and the
    name token that drives them (kept in the cursor, so every page uses the same branches).

    With `store_id`, a search finds that store's customers only, except by an exact identifier
    (a whole card number, email address or phone number), which finds a customer anywhere in
    the chain: a seller serves a visitor from another store, never browses that store's list.
    """
    text = q.strip()
    if not text:
        return [], None
    if "@" in text:
        email = text.lower().replace(" ", "")
        exact = [Branch(CustomerRow.email_key, equals=email)] if store_id and is_email(
            email) else []
        return [*exact, *_in_store([Branch(CustomerRow.email_key, prefix=email)], store_id)], None
    compact = _PHONE_PUNCTUATION.sub("", text)
    digits = compact[1:] if compact.startswith("+") else compact
    if digits.isascii() and digits.isdigit():
        branches = []
        phone = to_e164(text, region) if looks_like_phone(text) else None
        if phone:
            # A whole phone number is an exact identifier: the chain's customers.
            branches.append(Branch(CustomerRow.phone_e164, equals=phone))
        if compact.isdigit() and len(compact) <= 13:
            if store_id and len(compact) == 13:
                branches.append(Branch(CustomerRow.loyalty_card, equals=compact, unique=True))
            else:
                branches += _in_store(
                    [Branch(CustomerRow.loyalty_card, prefix=compact, unique=True)], store_id)
        return branches, None
    # A name has a few words: more are typing noise, and each one would cost a filter.
    tokens = fold_tokens(text)[:MAX_TOKENS]
    if not tokens:
        return [], None
    if driver is None:
        driver = choose_driver(session, tokens)
    elif driver not in tokens:
        raise _bad_cursor()
    return _in_store(_name_branches(tokens, driver), store_id), driver


def store_list(store_id: str) -> list[Branch]:
    """A store's customers (the client book), by last name."""
    return [Branch(CustomerRow.last_name_key, filters=(CustomerRow.home_store_id == store_id,))]


# --- cursor -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the branch, its order values there, the driving name token."""

    branch: int
    values: tuple[str, ...]
    driver: str | None = None

    def encode(self) -> str:
        raw = json.dumps([self.branch, list(self.values), self.driver], separators=(",", ":"),
                         ensure_ascii=False)
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> Cursor | None:
        if not text:
            return None
        if len(text) > _MAX_CURSOR:
            raise _bad_cursor()
        try:
            value = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode())
        except (binascii.Error, ValueError, UnicodeDecodeError) as error:
            raise _bad_cursor() from error
        if not (isinstance(value, list) and len(value) == 3 and type(value[0]) is int
                and value[0] >= 0 and isinstance(value[1], list)
                and all(isinstance(v, str) and "\x00" not in v for v in value[1])
                and (value[2] is None or isinstance(value[2], str))):
            raise _bad_cursor()
        return cls(value[0], tuple(value[1]), value[2])


def _bad_cursor() -> DomainError:
    return DomainError("search.cursor",
                       "This page cursor is not valid for this search: start again.")


# --- running a search ---------------------------------------------------------------------


def run(session: Session, branches: list[Branch], *, limit: int, after: Cursor | None = None,
        driver: str | None = None) -> tuple[list[CustomerRow], str | None]:
    """One page of the customers the branches match, and the cursor of the next page.

    The branches select only their order columns, which their indexes hold: index-only
    scans that stop after `limit` entries. The page's rows are then read by primary key."""
    start = 0
    if after is not None:
        if after.branch >= len(branches) or len(after.values) != len(
                branches[after.branch].order):
            raise _bad_cursor()
        start = after.branch
    found: list[tuple[int, tuple[str, ...], str]] = []  # (branch, order values, customer_id)
    for index in range(start, len(branches)):
        branch = branches[index]
        conditions = [branch.predicate()]
        # What an earlier branch matched was on its pages already.
        conditions += [not_(earlier.predicate()) for earlier in branches[:index]]
        if after is not None and index == start:
            conditions.append(tuple_(*branch.order) > tuple_(*after.values))
        rows = session.execute(
            select(CustomerRow.customer_id, *branch.order).where(*conditions)
            .order_by(*branch.order)
            .limit(limit + 1 - len(found))
        ).all()
        found += [(index, tuple(row[1:]), row[0]) for row in rows]
        if len(found) > limit:
            break
    page = found[:limit]
    if not page:
        return [], None
    by_id = {row.customer_id: row for row in session.scalars(
        select(CustomerRow).where(CustomerRow.customer_id.in_([c for _, _, c in page])))}
    items = [by_id[c] for _, _, c in page if c in by_id]
    if len(found) <= limit:
        return items, None
    index, values, _ = page[-1]
    return items, Cursor(index, values, driver).encode()


def find(session: Session, q: str, *, region: str, limit: int, cursor: str | None,
         store_id: str | None = None) -> tuple[list[CustomerRow], str | None]:
    """One page of the customers a typed query finds (see `classify` for `store_id`)."""
    after = Cursor.decode(cursor)
    branches, driver = classify(session, q, region, after.driver if after else None,
                                store_id=store_id)
    if after is not None and not branches:
        raise _bad_cursor()
    return run(session, branches, limit=limit, after=after, driver=driver)
