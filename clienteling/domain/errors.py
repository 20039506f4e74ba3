"""The core's one error type: a stable code with parameters, turned into sentences by the UI."""

from __future__ import annotations

from typing import Any


class DomainError(ValueError):
    """A business rule said no. `code` is stable (`card.check_digit`); `params` fill the message."""

    # Positional-only, so a parameter may itself be called `code` (the scanned code).
    def __init__(self, code: str, message: str | None = None, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(message or code)

    def __repr__(self) -> str:
        # Logs print errors with %r: the parameters' names only, since their values can be a
        # customer's name, email or phone (a conflict's `current` customer, a search).
        return f"{type(self).__name__}({self.code!r}, params={sorted(self.params)!r})"


# The kinds of "no" a service says. Each is still a DomainError (code, message, parameters);
# the server's one handler answers each kind with its HTTP status, and a plain DomainError is a
# request that breaks a rule (422). Nothing here knows HTTP.


class BadRequest(DomainError):
    """The request lacks what every request of its kind carries (a key, a header)."""


class Unauthorized(DomainError):
    """Who is asking is not known (no, wrong or ended sign-in)."""


class Forbidden(DomainError):
    """Who is asking may not do this."""


class NotFound(DomainError):
    """Nothing has this id."""


class Conflict(DomainError):
    """The request clashes with what is stored (a version, a number taken, stock short)."""


class Gone(DomainError):
    """What the request refers to is no longer kept (an old feed cursor)."""


class _Later(DomainError):
    def __init__(self, code: str, message: str | None = None, /, *, retry_after: int = 1,
                 **params: Any) -> None:
        super().__init__(code, message, **params)
        self.retry_after = retry_after


class TooMany(_Later):
    """Too many attempts: wait `retry_after` seconds."""


class Busy(_Later):
    """Not now, nothing was done: send it again after `retry_after` seconds."""
