"""An error's repr (what logs print with %r) names its parameters, never their values: they can
be a customer's name, email or phone."""

from __future__ import annotations

import logging

import pytest

from clienteling.api.client import ApiError
from clienteling.domain.errors import DomainError


def test_a_logged_error_shows_no_personal_data(caplog: pytest.LogCaptureFixture) -> None:
    conflict = ApiError(409, "customer.version_conflict", "changed meanwhile", {
        "current": {"first_name": "Hélène", "last_name": "Lefèvre",
                    "email": "helene.lefevre@example.fr", "phone": "+33612345678"}})
    plain = DomainError("customer.not_found", "not found", customer_id="C1",
                        query="Lefèvre 06 12 34 56 78")
    with caplog.at_level(logging.WARNING):
        logging.getLogger("test").warning("task failed: %r / %r", conflict, plain)
    text = caplog.text
    assert "customer.version_conflict" in text and "current" in text
    assert "customer.not_found" in text and "query" in text
    for secret in ("Lefèvre", "helene.lefevre", "+33612345678", "06 12 34"):
        assert secret not in text
