"""Who works which customer: the rule the server enforces and the app follows (it hides what the
server would refuse)."""

from __future__ import annotations

ADMIN = "admin"


def works_customer(role: str | None, store_id: str | None, home_store_id: str | None) -> bool:
    """Whether staff of `role` at `store_id` may change a customer whose home store is
    `home_store_id` (their profile, consents, notes, wishlist, orders' customer): the home
    store's staff, or an admin. Others may only read them, after finding them by an exact
    identifier."""
    return role == ADMIN or (store_id is not None and home_store_id == store_id)
