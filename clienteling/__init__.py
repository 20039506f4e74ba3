"""Clienteling core: domain rules, codes, the API client, the replica and sync. Never imports Qt."""

__version__ = "0.1.0"
