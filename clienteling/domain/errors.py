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
