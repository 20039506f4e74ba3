"""Checking typed contact details: error codes per field, sentences in the seller's language."""

from __future__ import annotations

import datetime as dt

import pytest

from clienteling.replica.views import Consent, CustomerProfile
from ui.customers.contact import contact_error_text, validate_contact

TODAY = dt.date(2026, 6, 1)
CODES = ("contact.required", "contact.too_long", "contact.email", "contact.email_removed",
         "contact.phone", "contact.phone_removed", "contact.birth_date_format",
         "contact.birth_date_range")


def profile(**fields: object) -> CustomerProfile:
    moment = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    values: dict[str, object] = dict(
        customer_id="c1", first_name="Anne", last_name="Martin", email="anne@example.com",
        phone="+33612345678", birth_date=None, home_store_id="PAR01", card="2900000000019",
        tier="silver", points=0, consent_email=Consent(False, None, None),
        consent_sms=Consent(False, None, None), assigned_seller_id=None, version=3,
        created_at=moment, updated_at=moment)
    values.update(fields)
    return CustomerProfile(**values)  # type: ignore[arg-type]


def test_a_new_customer_gets_one_code_per_wrong_field():
    changes, errors = validate_contact(
        {"first_name": " ", "last_name": "x" * 101, "email": "anne@", "phone": "abc",
         "birth_date": "not a date"}, None, today=TODAY)
    assert changes == {}
    assert errors == {"first_name": "contact.required", "last_name": "contact.too_long",
                      "email": "contact.email", "phone": "contact.phone",
                      "birth_date": "contact.birth_date_format"}


def test_only_what_changed_is_kept_clean_and_removals_are_refused():
    changes, errors = validate_contact(
        {"first_name": "  Anne ", "last_name": "Martin  Dupont", "email": "",
         "phone": "", "birth_date": "1890-01-01"}, profile(), today=TODAY)
    assert changes == {"last_name": "Martin Dupont"}
    assert errors == {"email": "contact.email_removed", "phone": "contact.phone_removed",
                      "birth_date": "contact.birth_date_range"}
    changes, errors = validate_contact(
        {"first_name": "Anne", "last_name": "Martin", "email": "ANNE@example.com",
         "phone": "06 12 34 56 78", "birth_date": "1990-12-31"}, profile(), today=TODAY)
    assert errors == {}
    assert changes == {"birth_date": dt.date(1990, 12, 31)}  # same email and phone, other case


def test_a_birth_date_after_today_is_not_possible():
    _, errors = validate_contact({"first_name": "A", "last_name": "B",
                                  "birth_date": "2026-06-02"}, None, today=TODAY)
    assert errors == {"birth_date": "contact.birth_date_range"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_code_reads_as_a_sentence(request, language):
    if language == "fr":
        request.getfixturevalue("french")
    texts = {code: contact_error_text(code) for code in CODES}
    assert all(text and not text.startswith("contact.") for text in texts.values()), texts
    assert len(set(texts.values())) == len(CODES)
    expected = "Obligatoire." if language == "fr" else "Required."
    assert texts["contact.required"] == expected
