"""Where a scanned code leads: a registry of routes that screen packages join.

A screen package exports `SCAN_ROUTES`; the window joins them when it loads the package. A
route names the kind of target it opens (`CustomerTarget`, `ProductTarget`, `PickupTarget`),
what to read with the scan in the same worker (`prepare`, so the screen paints without a second
trip) and how to open it on the UI thread. A `fallback` route serves only until a package
routes that kind for real (a pickup QR opens the customer's orders until the app has a pickup
screen). The scanner never imports a screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from clienteling.domain.errors import DomainError
from ui import messages, workers
from ui.scanner.detector import ScanDetector

if TYPE_CHECKING:
    from clienteling.device import Device
    from clienteling.replica.views import ScanTarget
    from ui.screen import Shell


@dataclass(frozen=True)
class ScanRoute:
    """What one screen package does with one kind of scanned code."""

    target: type  # the ScanTarget class it opens: CustomerTarget, ProductTarget, PickupTarget
    open: Callable[[Shell, Any, Any], None]  # (shell, target, prepared), on the UI thread
    prepare: Callable[[Device, Any], Any] | None = None  # (device, target), in the worker
    fallback: bool = False  # only while no other package routes this kind


class ScanRouter(QObject):
    """Turns a code (scanned, typed, read by the camera or in a picture) into a screen, through
    the routes screen packages joined. A code that is wrong says why."""

    routed = Signal(object)  # the device's ScanTarget, once acted on
    failed = Signal(object)  # the error, once told

    def __init__(self, shell: Shell, window: QWidget) -> None:
        super().__init__(window)
        self.shell = shell
        self.detector = ScanDetector(window)
        self.detector.scanned.connect(self.route)
        self._generation = 0
        self._routes: dict[type, ScanRoute] = {}

    def join(self, route: ScanRoute) -> None:
        """Route codes of `route.target`'s kind through `route` (a real route replaces a
        fallback; two real routes for one kind are a mistake)."""
        known = self._routes.get(route.target)
        if known is None or known == route or known.fallback:
            self._routes[route.target] = route
        elif not route.fallback:
            raise ValueError(f"two screens route {route.target.__name__}")

    def routes(self) -> Mapping[type, ScanRoute]:
        return dict(self._routes)

    def route(self, text: str) -> None:
        """Resolve `text` off the UI thread and open what it names (the latest scan wins)."""
        device = self.shell.device
        if device is None or not self._signed_in():
            return
        self._generation += 1
        generation = self._generation
        workers.run(_resolve, device, text, dict(self._routes), owner=self, name="resolve scan",
                    on_result=lambda answer: self._on_target(generation, *answer),
                    on_error=lambda error: self._on_error(generation, error))

    def _signed_in(self) -> bool:
        # Before sign-in (or while locked) the frame is not shown: a scan then means nothing.
        pages, frame = getattr(self.shell, "pages", None), getattr(self.shell, "frame", None)
        return pages is None or frame is None or pages.currentWidget() is frame

    def _on_target(self, generation: int, target: ScanTarget, prepared: Any = None) -> None:
        if generation != self._generation:
            return
        route = self._routes.get(type(target))
        if route is None:
            # No screen of this app opens this kind of code (for this role).
            self._on_error(generation, DomainError("code.unknown"))
            return
        route.open(self.shell, target, prepared)
        self.routed.emit(target)

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.shell.notify(scan_error_text(error), "error")
        self.failed.emit(error)


def _resolve(device: Device, text: str, routes: Mapping[type, ScanRoute]) -> tuple[Any, Any]:
    """In a worker: what the code names and what its route reads with it at once."""
    target = device.scan.resolve_scan(text)
    route = routes.get(type(target))
    prepared = None
    if route is not None and route.prepare is not None:
        try:
            prepared = route.prepare(device, target)
        except DomainError:
            prepared = None  # the screen reads again and says what is wrong
    return target, prepared


def scan_error_text(error: BaseException) -> str:
    """What the seller reads when a scan leads nowhere; "not found" says whether the server
    could be asked."""
    if isinstance(error, DomainError) and error.code in _NOT_FOUND:
        code = _NOT_FOUND[error.code]
        if error.params.get("offline"):
            code += "_offline"
        return messages.text(code, **error.params)
    return messages.for_error(error)


# The device's "not found" codes, with the scan's wording (`customer.not_found` after a scan
# means a card nobody holds).
_NOT_FOUND = {"customer.not_found": "scan.card_unknown", "product.not_found": "product.not_found",
              "pickup.not_found": "pickup.not_found"}
