"""An export of the client book: its columns and what each row shows. One rule, the server's
`POST /exports` and the app's CSV export use it: a client's email only with their email
consent, their phone only with their SMS consent."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

COLUMNS = ("customer_id", "first_name", "last_name", "email", "phone", "tier",
           "lifetime_value", "last_purchase_at", "segment")
CENT = Decimal("0.01")


def contact(value: str | None, consented: bool) -> str:
    """A contact detail as an export shows it: empty without the channel's consent."""
    return (value or "") if consented else ""


def contact_sql(value: str, consented: str) -> str:
    """`contact` said in SQL over two columns (the device writes its CSV set-wise): the same
    rule, kept here beside it."""
    return f"CASE WHEN {consented} THEN coalesce({value}, '') ELSE '' END"


def money(value: Decimal) -> str:
    """A lifetime value as an export writes it: to the cent, a dot, no grouping."""
    return format(Decimal(value).quantize(CENT), "f")


def row(*, customer_id: str, first_name: str, last_name: str, email: str | None,
        phone: str | None, consent_email: bool, consent_sms: bool, tier: str,
        lifetime_value: Decimal, last_purchase_at: datetime | None,
        segment: str) -> list[str]:
    """One client's cells, in `COLUMNS` order."""
    return [customer_id, first_name, last_name, contact(email, consent_email),
            contact(phone, consent_sms), tier,
            money(lifetime_value),
            last_purchase_at.isoformat() if last_purchase_at else "", segment]
