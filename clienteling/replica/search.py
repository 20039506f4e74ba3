"""Search keys and queries: folded names, lower-cased email, phone digits, card; FTS5 prefixes.

The folding is the server's (`clienteling.domain.text.fold`), so "lefevre" finds "Lefèvre" on
the tablet exactly as it does on the server. Phones are indexed as their E.164 digits and their
national form (the significant number with the trunk 0), so "+33612345678",
"06 12 34 56 78" and "0612" all reach the same customer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

from clienteling.domain.phones import DEFAULT_REGION, looks_like_phone, to_e164
from clienteling.domain.text import fold, fold_tokens

MAX_QUERY_WORDS = 8
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_NON_DIGIT = re.compile(r"\D+")
_TOKEN_SPLIT = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)
def _split_e164(e164: str) -> tuple[str, str] | None:
    # Country calling codes are prefix-free: the first 1 to 3 digits that name one is it.
    digits = e164[1:]
    for length in (1, 2, 3):
        if int(digits[:length]) in COUNTRY_CODE_TO_REGION_CODE:
            return digits[:length], digits[length:]
    return None


def phone_terms(phone: str | None, region: str = DEFAULT_REGION) -> list[str]:
    """The digit strings a phone is found by: its E.164 digits and its national form."""
    if not phone:
        return []
    compact = phone.strip().replace(" ", "")
    e164 = compact if _E164.match(compact) else to_e164(phone, region)
    if not e164:
        digits = _NON_DIGIT.sub("", phone)
        return [digits] if digits else []
    split = _split_e164(e164)
    if split is None:
        return [e164[1:]]
    _, national = split
    # Digits typed without the trunk 0 ("612345678") still match: the query side turns them
    # into E.164 too.
    return [e164[1:], "0" + national]


@lru_cache(maxsize=65536)
def _fold_name(name: str) -> str:
    # Names repeat a lot (a chain has many Martins): a first download folds each once.
    return fold(name)


def customer_terms(first_name: str, last_name: str, email: str | None, phone: str | None,
                   card: str | None) -> str:
    """The text FTS5 indexes for a customer (space-separated folded words)."""
    parts = [_fold_name(first_name), _fold_name(last_name)]
    if email:
        parts.append(fold(email))
    parts.extend(phone_terms(phone))
    if card:
        parts.append(card)
    return " ".join(p for p in parts if p)


def product_terms(name: str, brand: str, category: str, sku: str, ean: str | None) -> str:
    return " ".join(p for p in (fold(f"{name} {brand} {category} {sku}"), ean or "") if p)


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def query_words(text: str) -> list[str]:
    """The folded words of a query, split as the tokenizer splits the indexed text."""
    words: list[str] = []
    for token in fold_tokens(text):
        words.extend(w for w in _TOKEN_SPLIT.split(token) if w)
    return words[:MAX_QUERY_WORDS]


def _phrases(text: str) -> str | None:
    """Each typed chunk becomes a phrase whose last word is a prefix ("jean-eloi lef" →
    `"jean eloi"* "lef"*`): words typed together ("SKU-3", "helene.lef") must be found
    together and in that order; chunks may match anywhere."""
    phrases = []
    budget = MAX_QUERY_WORDS
    for chunk in text.split():
        words = query_words(chunk)[:budget]
        if words:
            phrases.append(_quote(" ".join(words)) + "*")
            budget -= len(words)
        if budget <= 0:
            break
    return " ".join(phrases) or None


def customer_match(text: str, region: str = DEFAULT_REGION) -> str | None:
    """The FTS5 MATCH expression for what a seller typed, or None when there is nothing to
    search. Every word is a prefix; a phone-looking text also matches its E.164 form."""
    raw = text.strip()
    if not raw:
        return None
    if looks_like_phone(raw) or (raw.replace(" ", "").isdigit() and len(raw) >= 3):
        digits = _NON_DIGIT.sub("", raw)
        alternatives = [_quote(digits) + "*"]
        e164 = to_e164(raw, region) if len(digits) >= 6 else None
        if e164 and e164[1:] != digits:
            alternatives.append(_quote(e164[1:]))
        return " OR ".join(alternatives)
    return _phrases(raw)


def product_match(text: str) -> str | None:
    return _phrases(text)
