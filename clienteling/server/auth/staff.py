"""The signed-in staff member a request acts as (what the access policies decide on)."""

from __future__ import annotations

from dataclasses import dataclass

from clienteling.api.models import Role


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    display_name: str
    role: Role
    store_id: str | None
    session_id: int
