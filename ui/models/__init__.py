"""Qt item models: thin adapters over the façade's plain views (lists of frozen dataclasses)."""
