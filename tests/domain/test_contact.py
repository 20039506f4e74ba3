"""One email rule (clienteling.domain.contact), which the wire model and the importer use."""

from __future__ import annotations

import pydantic
import pytest

from clienteling.api import models as w
from clienteling.domain.contact import EMAIL_FORMAT, EMAIL_TOO_LONG, email_problem, is_email

GOOD = ["marie.lefevre@example.com", "a@b.co", "x+tag@sub.example.fr", "élodie@exemple.fr"]
BAD = ["not-an-email", "a@b", "a@.b.c", "a@b.c.", "a@b..c", "a b@c.d", "@b.c", "a@@b.c", "a@",
       "a@b c.d"]


@pytest.mark.parametrize("text", GOOD)
def test_addresses(text: str) -> None:
    assert email_problem(text) is None and is_email(text)


@pytest.mark.parametrize("text", BAD)
def test_not_addresses(text: str) -> None:
    assert email_problem(text) == EMAIL_FORMAT and not is_email(text)


def test_too_long() -> None:
    assert email_problem("a" * 250 + "@b.fr") == EMAIL_TOO_LONG


@pytest.mark.parametrize("text", GOOD + BAD)
def test_the_wire_model_says_the_same(text: str) -> None:
    try:
        w.CustomerCreate(first_name="A", last_name="B", email=text)
    except pydantic.ValidationError:
        accepted = False
    else:
        accepted = True
    assert accepted == is_email(text)


@pytest.mark.parametrize("text", GOOD + BAD)
def test_the_importer_says_the_same(text: str) -> None:
    from clienteling.domain.cards import card_from_serial
    from clienteling.server.imports.rows import RowError, parse_customer

    row = {"customer_id": "C1", "loyalty_card": card_from_serial(1), "first_name": "A",
           "last_name": "B", "email": text, "phone": "", "birth_date": "",
           "home_store_id": "PAR01", "tier": "member", "points": "0", "consent_email": "false",
           "consent_sms": "false", "created_at": "2022-03-04T10:00:00+01:00"}
    try:
        parse_customer(row, "FR")
    except RowError as error:
        assert str(error).startswith("email:"), error
        accepted = False
    else:
        accepted = True
    assert accepted == is_email(text)
