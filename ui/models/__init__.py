"""Qt item models: thin adapters over the device services' views (lists of frozen dataclasses)."""
