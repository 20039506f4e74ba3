"""Payments: the provider's signed webhook, and the demo's simulated provider page."""
