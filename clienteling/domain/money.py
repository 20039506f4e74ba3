"""Money: a Decimal amount with its currency, never a float; shown through Babel (CLDR), so
every currency gets the symbol and the digits the reader's locale gives it ("1 234,50 €" in
French, "€1,234.50" in English, "¥1,234" for yen), with no table of symbols of our own."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from clienteling.domain.errors import DomainError

MAX_AMOUNT = Decimal("100000000")  # a sanity bound: no single price or order above 100 M.
DEFAULT_LOCALE = "en"


def is_currency(code: str) -> bool:
    """An ISO 4217 code's shape: three capital letters."""
    return len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()


@dataclass(frozen=True)
class Money:
    """An amount (Decimal, as exact as the wire gave it) in a currency (ISO 4217 code).
    Raises `money.format` for an amount that is not a finite decimal, `money.range` for a
    negative one or one above `MAX_AMOUNT`, `money.currency` for a code that is not one."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        try:
            amount = Decimal(str(self.amount).strip())
        except InvalidOperation:
            raise DomainError("money.format", "not a decimal amount",
                              value=str(self.amount)[:40]) from None
        if not amount.is_finite():
            raise DomainError("money.format", "not a decimal amount", value=str(self.amount))
        if amount < 0 or amount >= MAX_AMOUNT:
            raise DomainError("money.range", "amount out of range", value=str(self.amount))
        if not isinstance(self.currency, str) or not is_currency(self.currency):
            raise DomainError("money.currency", "not a currency code",
                              value=str(self.currency)[:10])
        object.__setattr__(self, "amount", amount)

    def display(self, locale: str | None = None) -> str:
        """The amount as a reader of `locale` ("fr_FR", "en_GB", "fr") writes it, with the
        currency's own number of decimals; an unknown locale reads as English."""
        return _display(self.amount, self.currency, locale or DEFAULT_LOCALE)


# Babel takes a fifth of a millisecond per amount; lists repaint the same few amounts often.
@lru_cache(maxsize=4096)
def _display(amount: Decimal, currency: str, locale: str) -> str:
    from babel import Locale, UnknownLocaleError
    from babel.numbers import format_currency

    try:
        chosen = Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        chosen = Locale.parse(DEFAULT_LOCALE)
    return format_currency(amount, currency, locale=chosen)
