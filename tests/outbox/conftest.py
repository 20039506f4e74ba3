"""Devices against the live server, as the sync tests make them."""

from tests.sync.conftest import device

__all__ = ["device"]
