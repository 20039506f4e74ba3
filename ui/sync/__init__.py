"""The Sync section: the sync's state, what the last sync brought, the outbox (retry,
discard)."""

from ui.sync.screen import SyncDigest, SyncScreen

SCREENS = (SyncScreen,)

__all__ = ["SCREENS", "SyncDigest", "SyncScreen"]
