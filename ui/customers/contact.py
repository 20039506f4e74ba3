"""Checking the contact details a seller typed (the 360's edit, the enrolment): the fields
that changed with clean values, and an error code per wrong field, turned into the seller's
language by `contact_error_text`. Dates are typed in the locale's short format."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from clienteling.domain.contact import is_email
from clienteling.domain.phones import to_e164
from clienteling.replica.views import CustomerProfile

# Fields a seller edits on the contact card, in reading order.
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "birth_date")
NAME_MAX_LENGTH = 100


def field_label(name: str) -> str:
    """A profile field's name as the seller reads it."""
    labels = {
        "first_name": QCoreApplication.translate("Customer360", "First name"),
        "last_name": QCoreApplication.translate("Customer360", "Last name"),
        "email": QCoreApplication.translate("Customer360", "Email"),
        "phone": QCoreApplication.translate("Customer360", "Phone"),
        "birth_date": QCoreApplication.translate("Customer360", "Birth date"),
        "home_store_id": QCoreApplication.translate("Customer360", "Home store"),
        "tier": QCoreApplication.translate("Customer360", "Tier"),
    }
    return labels.get(name, name)


def parse_hint() -> str:
    """An example date in the locale's short format ("for example 31/12/1990")."""
    return QCoreApplication.translate("Customer360", "for example %1").replace(
        "%1", QLocale().toString(QDate(1990, 12, 31), QLocale.FormatType.ShortFormat))


def parse_date(text: str) -> dt.date | None:
    """A date typed in the locale's short format or as ISO (1990-12-31); None if neither."""
    text = text.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    locale = QLocale()
    for form in (locale.dateFormat(QLocale.FormatType.ShortFormat), "dd/MM/yyyy", "d/M/yyyy",
                 "MM/dd/yyyy"):
        parsed = locale.toDate(text, form)
        if parsed.isValid():
            if parsed.year() < 100:
                parsed = parsed.addYears(1900 if parsed.year() > 30 else 2000)
            return dt.date(parsed.year(), parsed.month(), parsed.day())
    return None


def validate_contact(values: dict[str, str], profile: CustomerProfile | None,
                     today: dt.date | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """(the fields that changed, with clean values; an error code per wrong field).

    `profile` None: a new customer (every filled field counts as changed). The codes:
    `contact.required`, `contact.too_long`, `contact.email`, `contact.email_removed`,
    `contact.phone`, `contact.phone_removed`, `contact.birth_date_format`,
    `contact.birth_date_range`."""
    changes: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in ("first_name", "last_name"):
        value = " ".join(values.get(name, "").split())
        if not value:
            errors[name] = "contact.required"
        elif len(value) > NAME_MAX_LENGTH:
            errors[name] = "contact.too_long"
        elif profile is None or value != getattr(profile, name):
            changes[name] = value
    email = values.get("email", "").strip()
    if email:
        if not is_email(email):
            errors["email"] = "contact.email"
        elif profile is None or email.lower() != (profile.email or "").lower():
            changes["email"] = email
    elif profile is not None and profile.email:
        errors["email"] = "contact.email_removed"
    phone = values.get("phone", "").strip()
    if phone:
        normalized = to_e164(phone)
        if normalized is None:
            errors["phone"] = "contact.phone"
        elif profile is None or normalized != to_e164(profile.phone or ""):
            changes["phone"] = normalized
    elif profile is not None and profile.phone:
        errors["phone"] = "contact.phone_removed"
    birth = values.get("birth_date", "").strip()
    if birth:
        day = parse_date(birth)
        if day is None:
            errors["birth_date"] = "contact.birth_date_format"
        elif not dt.date(1900, 1, 1) <= day <= (today or dt.date.today()):
            errors["birth_date"] = "contact.birth_date_range"
        elif profile is None or day != profile.birth_date:
            changes["birth_date"] = day
    return changes, errors


def contact_error_text(code: str) -> str:
    """The sentence for a `validate_contact` code, in the seller's language."""
    texts = {
        "contact.required": QCoreApplication.translate("Customer360", "Required."),
        "contact.too_long": QCoreApplication.translate("Customer360", "At most 100 characters."),
        "contact.email": QCoreApplication.translate(
            "Customer360", "Not an email address (name@example.com)."),
        "contact.email_removed": QCoreApplication.translate(
            "Customer360", "An email address cannot be removed here; correct it instead."),
        "contact.phone": QCoreApplication.translate(
            "Customer360", "Not a phone number (for example 06 12 34 56 78)."),
        "contact.phone_removed": QCoreApplication.translate(
            "Customer360", "A phone number cannot be removed here; correct it instead."),
        "contact.birth_date_format": QCoreApplication.translate(
            "Customer360", "Not a date (%1).").replace("%1", parse_hint()),
        "contact.birth_date_range": QCoreApplication.translate(
            "Customer360", "This date is not a possible birth date."),
    }
    return texts.get(code, code)


def contact_error_texts(errors: dict[str, str]) -> dict[str, str]:
    """Each field's code as its sentence."""
    return {name: contact_error_text(code) for name, code in errors.items()}


def server_field_errors(error: BaseException) -> dict[str, str]:
    """Per-field sentences from a `customer.invalid` error's `errors` list."""
    params = getattr(error, "params", {}) or {}
    found: dict[str, str] = {}
    for item in params.get("errors") or []:
        field = str(item.get("field", "")).split(".")[-1]
        if field:
            found[field] = str(item.get("message", ""))
    return found
