"""The loyalty programme: its tiers, lowest first."""

from __future__ import annotations

# The demo chain's tiers and the default of a chain's (CLIENTELING_TIERS overrides them).
LOYALTY_TIERS: tuple[str, ...] = ("member", "silver", "gold", "platinum")
