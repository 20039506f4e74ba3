"""The scanner's registry: screen packages join routes; a real route replaces a fallback, two
real routes for one kind are refused, a kind nobody routes says the code is unknown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from clienteling.replica.views import CustomerSummary, CustomerTarget, ProductTarget
from ui.scanner.router import ScanRoute, ScanRouter

CUSTOMER = CustomerSummary("c1", "Anne", "Martin", None, None, "2900000000019", None, "PAR01")


class _Scan:
    def resolve_scan(self, text: str) -> Any:
        return CustomerTarget(CUSTOMER)


class _Device:
    scan = _Scan()


@dataclass
class _Shell:
    device: Any = field(default_factory=_Device)
    told: list[tuple[str, str]] = field(default_factory=list)

    def notify(self, text: str, level: str = "info") -> None:
        self.told.append((text, level))


def _nothing(*_args: Any) -> None:
    return None


@pytest.fixture
def router(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    shell = _Shell()
    return ScanRouter(shell, window)


def test_a_screens_route_replaces_a_fallback_and_not_the_other_way(router):
    fallback = ScanRoute(ProductTarget, _nothing, fallback=True)
    real = ScanRoute(ProductTarget, lambda *_a: None)
    router.join(fallback)
    assert router.routes()[ProductTarget] is fallback
    router.join(real)
    assert router.routes()[ProductTarget] is real
    router.join(ScanRoute(ProductTarget, _nothing, fallback=True))
    assert router.routes()[ProductTarget] is real
    with pytest.raises(ValueError, match="ProductTarget"):
        router.join(ScanRoute(ProductTarget, _nothing))


def test_a_scan_opens_what_its_route_prepared_in_the_worker(router, qtbot):
    opened: list[tuple[Any, Any]] = []
    router.join(ScanRoute(CustomerTarget, lambda _shell, target, prepared:
                          opened.append((target, prepared)),
                          prepare=lambda _device, target: f"360 of {target.customer.customer_id}"))
    with qtbot.waitSignal(router.routed, timeout=5000):
        router.route("2900000000019")
    assert opened == [(CustomerTarget(CUSTOMER), "360 of c1")]


def test_a_kind_no_screen_routes_says_the_code_is_unknown(router, qtbot):
    router.join(ScanRoute(ProductTarget, _nothing))
    with qtbot.waitSignal(router.failed, timeout=5000) as blocker:
        router.route("2900000000019")
    assert blocker.args[0].code == "code.unknown"
    assert router.shell.told and router.shell.told[0][1] == "error"
