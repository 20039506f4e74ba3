"""`clienteling demo --screenshots DIR` as a person runs it: a real subprocess, offscreen, that
starts the embedded server, signs in as a demo seller, syncs, and pictures every screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ui.screenshots import LANGUAGES, SIZES

pytestmark = pytest.mark.slow

# Screens every build has; the run pictures whatever else registered too.
EXPECTED = {"lookup-empty", "lookup-results", "customer-orders", "sync", "lock", "sign_in",
            "pickups", "pickup-found", "order", "shortage", "tasks", "task-new"}
# Selling: the product, the cart, the checkout both ways, the payment link and the confirmation.
EXPECTED |= {"product", "cart", "checkout-collect", "checkout-delivery", "payment-link",
             "confirmation"}


def test_every_screen_is_pictured_in_both_languages_at_every_size(tmp_path: Path):
    shots = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "CLIENTELING_DATA_DIR": str(tmp_path / "user")}  # never the developer's own
    run = subprocess.run(
        [sys.executable, "-m", "clienteling.cli", "demo", "--customers", "150", "--port", "0",
         "--data-dir", str(tmp_path / "demo"), "--screenshots", str(shots)],
        env=env, capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "screenshots in" in run.stdout

    pictured = {p.name for p in shots.glob("*.png")}
    for language in LANGUAGES:
        for width, height in SIZES:
            prefix = f"{language}-{width}x{height}-"
            names = {n[len(prefix):-4] for n in pictured if n.startswith(prefix)}
            assert names >= EXPECTED, f"{prefix}: missing {sorted(EXPECTED - names)}"
            image = QImage(str(shots / f"{prefix}sync.png"))
            assert (image.width(), image.height()) == (width, height)
    # The same screen in two languages is two different pictures.
    french = (shots / "fr-1280x800-sync.png").read_bytes()
    english = (shots / "en-1280x800-sync.png").read_bytes()
    assert french != english
