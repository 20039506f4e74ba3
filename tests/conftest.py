"""Fixtures shared by every test: the Qt platform, both databases, a small world of data."""

from __future__ import annotations

import os

# Before anything imports Qt: there is no screen on CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
