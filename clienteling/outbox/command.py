"""The command registry: one `Command` per kind of write a seller makes.

A command says everything about its kind in one module (under `clienteling.outbox.kinds`, or
anywhere that calls `register`): the request it sends, how the server's answer settles into
the replica, how it recognises that the server already has it, what it waits for, its
optimistic effect on what the replica shows before it is sent, and its label code for the UI.
The queue, the push loop and the overlay only ever ask the registry.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection

from clienteling.domain.errors import DomainError
from clienteling.replica.apply import Applied, BadChange, write_entity
from clienteling.replica.views import (
    CustomerProfile,
    CustomerSummary,
    OrderView,
    ProductView,
    TaskView,
    TimelineEntry,
)

if TYPE_CHECKING:
    from clienteling.api.client import ApiError
    from clienteling.outbox.entry import Row


@dataclass(frozen=True)
class Request:
    """What an entry sends: method, path under the API base, JSON body (None: no body)."""

    method: str
    path: str
    body: Any = None


@dataclass(frozen=True)
class Write:
    """A seller's write, ready to be queued: its kind, request payload and keys. `check` runs
    in the transaction that queues it: it raises a DomainError to refuse the write, or returns
    the write completed from the replica (an order's number from the device's counter, the
    customer of an order), or None to queue it as it is."""

    kind: str
    payload: Mapping[str, Any]
    customer_id: str | None = None
    target: str | None = None
    check: Callable[[Connection], Write | None] | None = None


# A wishlist while the overlay builds it: sku → (sku, added at, sync mark).
Wishlist = dict[str, tuple[str, Any, str]]


class Command:
    """One kind of write. Subclasses set `kind` and `label` and override what they need."""

    kind: ClassVar[str]
    label: ClassVar[str]  # a code the UI turns into words ("outbox.note")
    # The replica entity the server's answer is (written when the entry settles).
    entity: ClassVar[str | None] = None
    # Whether this write creates the customer it names: everything else about that customer
    # waits for it, and the customer exists on the device as soon as it is queued.
    creates_customer: ClassVar[bool] = False

    # --- sending ----------------------------------------------------------------------------

    def request(self, row: Row) -> Request:
        raise NotImplementedError(f"{type(self).__name__} must say what it sends")

    def settle(self, conn: Connection, row: Row, answer: Any) -> Applied:
        """In the caller's transaction: the server's answer into the replica (the queue takes
        the entry out in the same transaction). `answer` is the decoded 2xx body, or what
        `already_done` returned. Raises BadChange when a 2xx body is not what the API sends."""
        if self.entity is not None:
            if not isinstance(answer, dict):
                raise BadChange(f"{self.kind}: the server's answer is empty")
            return write_entity(conn, self.entity, answer)
        return Applied()

    def already_done(self, row: Row, error: ApiError) -> Mapping[str, Any] | bool:
        """Whether a refusal means the server already has this write (our earlier attempt went
        through, its answer was lost): the server's data, True without data, False if not."""
        return False

    def recover(self, conn: Connection, row: Row, error: ApiError) -> bool:
        """A refusal the device can fix alone, in the caller's transaction (rewrite the entry
        and return True to send it again now); False leaves it to a person."""
        return False

    def waits_for(self, row: Row, earlier: Row) -> bool:
        """Whether `row` cannot be sent before `earlier` (an older unsent entry) succeeded.
        Anything about a customer waits for that customer's enrolment."""
        return (command_for(earlier.kind).creates_customer
                and earlier.customer_id is not None and earlier.customer_id == row.customer_id)

    # --- the optimistic effect, laid over the replica at read time ----------------------------

    def enrolled(self, row: Row) -> CustomerProfile | None:
        """The profile of a customer this write creates (when the replica has none yet)."""
        return None

    def enrolled_summary(self, row: Row) -> CustomerSummary | None:
        return None

    def on_profile(self, profile: CustomerProfile, row: Row) -> CustomerProfile | None:
        """The customer's profile with this write on top; None when it does not touch it."""
        return None

    def on_summary(self, summary: CustomerSummary, row: Row) -> CustomerSummary | None:
        return None

    def on_order(self, order: OrderView, row: Row) -> OrderView:
        """An order (from the server or unsent) with this write on top."""
        return order

    def unsent_order(self, row: Row, products: Mapping[str, ProductView]) -> OrderView | None:
        """The order this write creates, as the customer's orders show it before it is sent."""
        return None

    def skus(self, row: Row) -> set[str]:
        """Products the overlay needs to show this write."""
        return set()

    def on_wishlist(self, wishlist: Wishlist, row: Row) -> None:
        """Change the wishlist being built (sku → (sku, added at, mark)) in place."""

    def timeline_entry(self, row: Row, store_id: str | None) -> TimelineEntry | None:
        return None

    def unsent_task(self, row: Row, customer_name: str | None) -> TaskView | None:
        """The task this write creates, as "my tasks" shows it before it is sent."""
        return None

    def on_task(self, task: TaskView, row: Row) -> TaskView:
        """A task (from the server or unsent) with this write on top."""
        return task

    def stock_taken(self, row: Row) -> tuple[str | None, list[tuple[str, int]]]:
        """(store the lines are sourced around, [(sku, quantity)]) this unsent write will take
        from stock when it reaches the server."""
        return None, []


_registry: dict[str, Command] = {}
_lock = threading.Lock()
_loaded = False


def _load_kinds() -> None:
    """Import every module of `clienteling.outbox.kinds` once: each registers its command."""
    global _loaded
    with _lock:
        if _loaded:
            return
        _loaded = True
    package = importlib.import_module("clienteling.outbox.kinds")
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)


def register(command: Command) -> Command:
    """Add a kind of write. Raises `outbox.kind_taken` if another command has its kind."""
    with _lock:
        held = _registry.get(command.kind)
        if held is not None and type(held) is not type(command):
            raise DomainError("outbox.kind_taken", "another command has this kind",
                              kind=command.kind)
        _registry[command.kind] = command
    return command


def unregister(kind: str) -> None:
    with _lock:
        _registry.pop(kind, None)


def command_for(kind: str) -> Command:
    """The command of `kind`. Raises `outbox.kind` for a kind nobody registered."""
    _load_kinds()
    found = _registry.get(kind)
    if found is None:
        raise DomainError("outbox.kind", "no command has this kind", kind=kind)
    return found


def kinds() -> tuple[str, ...]:
    _load_kinds()
    with _lock:
        return tuple(_registry)


# --- helpers the command modules share -------------------------------------------------------


def validated(model: type[BaseModel], code: str, **values: Any) -> BaseModel:
    """The wire model of a write, or `code` with the fields in error."""
    try:
        return model(**values)
    except ValidationError as exc:
        errors = [{"field": ".".join(str(p) for p in err.get("loc", ())),
                   "message": str(err.get("msg", "invalid"))} for err in exc.errors()]
        raise DomainError(code, "some fields are invalid", errors=errors) from None
    except TypeError as exc:
        raise DomainError(code, str(exc), errors=[]) from None


def payload_of(model: BaseModel, *, exclude_unset: bool = False) -> dict[str, Any]:
    """The JSON body of a wire model (unset fields dropped for a patch, None ones otherwise)."""
    return model.model_dump(mode="json", exclude_unset=exclude_unset, exclude_none=not
                            exclude_unset)
