"""Telling customers: the notifier interface, SMTP and log-only."""
