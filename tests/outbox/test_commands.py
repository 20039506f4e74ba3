"""The command registry: every built-in kind is whole, and a kind added in one module is
queued, sent, settled and shown without touching anything else."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from clienteling.api.client import ApiError
from clienteling.device import Device
from clienteling.domain.errors import DomainError
from clienteling.outbox import command, queue
from clienteling.outbox.entry import WAITING, Row
from tests.sync.live import LiveServer

MakeDevice = Callable[..., Device]

BUILT_IN = ("customer.enrol", "customer.edit", "consent.record", "note.add", "wishlist.add",
            "wishlist.remove", "order.create", "order.status")


@pytest.fixture
def thanks() -> Iterator[Any]:
    from tests.outbox import thanks_kind

    command.register(thanks_kind.COMMAND)  # again, if an earlier test removed it
    yield thanks_kind
    command.unregister(thanks_kind.KIND)


def _row(kind: str, **values: Any) -> Row:
    base: dict[str, Any] = dict(id=1, kind=kind, customer_id="C1", target=None, payload={},
                                idempotency_key="k", created_at="2026-01-05T09:00:00+00:00",
                                state=WAITING, attempts=0, next_attempt_at=0.0,
                                error_code=None, error_detail=None, problem=None, author=None)
    base.update(values)
    return Row(**base)


def test_every_built_in_kind_has_its_command() -> None:
    assert set(BUILT_IN) <= set(command.kinds())
    for kind in BUILT_IN:
        found = command.command_for(kind)
        assert found.kind == kind and found.label.startswith("outbox.")
        assert found.request(_row(kind, target="SKU-1")).path.startswith("/")


def test_an_unknown_kind_is_refused_when_queued_and_a_kind_is_taken_once() -> None:
    with pytest.raises(DomainError) as caught:
        command.command_for("nothing.here")
    assert caught.value.code == "outbox.kind"

    class Impostor(command.Command):
        kind = "note.add"
        label = "outbox.impostor"

    with pytest.raises(DomainError) as caught:
        command.register(Impostor())
    assert caught.value.code == "outbox.kind_taken"


def test_what_waits_for_what_is_each_command_s_call() -> None:
    enrol = _row("customer.enrol", id=1)
    note = _row("note.add", id=2)
    other = _row("note.add", id=3, customer_id="C2")
    assert queue.blockers([enrol, note, other]) == {2: 1}
    first = _row("wishlist.add", id=4, target="SKU-1")
    second = _row("wishlist.remove", id=5, target="SKU-1")
    elsewhere = _row("wishlist.remove", id=6, target="SKU-2")
    assert queue.blockers([first, second, elsewhere]) == {5: 4}
    moved = _row("order.status", id=7, target="N-1")
    again = _row("order.status", id=8, target="N-1")
    assert queue.blockers([moved, again]) == {8: 7}


def test_a_removal_already_made_is_recognised_by_its_command() -> None:
    gone = ApiError(404, "wishlist.not_found", "not there")
    other = ApiError(404, "customer.not_found", "not there")
    removal = command.command_for("wishlist.remove")
    assert removal.already_done(_row("wishlist.remove", target="SKU-1"), gone) is True
    assert removal.already_done(_row("wishlist.remove", target="SKU-1"), other) is False


def test_a_kind_added_in_one_module_is_queued_sent_settled_and_shown(
        server: LiveServer, device: MakeDevice, thanks: Any) -> None:
    customer = server.enrol(server.token("admin1"), "Hélène", "Lefèvre")["customer_id"]
    facade = device()
    facade.sync.sync_now()
    with pytest.raises(DomainError) as caught:
        facade.sync.submit(thanks.write("nobody", "merci"))
    assert caught.value.code == "customer.not_found"

    first = facade.sync.submit(thanks.write(customer, "merci pour votre visite"))
    second = facade.sync.submit(thanks.write(customer, "à bientôt"))
    # Queued, with its label, in order, the second waiting behind the first.
    entries = facade.sync.outbox_entries()
    assert [(e.id, e.kind, e.label) for e in entries] == [
        (first.id, thanks.KIND, thanks.LABEL), (second.id, thanks.KIND, thanks.LABEL)]
    assert entries[1].blocked_by == first.id
    # Shown at once, before it is sent: its optimistic effect on the customer's timeline.
    view = facade.customers.customer_360(customer)
    waiting = [t.summary for t in view.timeline if t.sync == "waiting"]
    assert sorted(waiting) == ["Thank-you card: merci pour votre visite",
                               "Thank-you card: à bientôt"]
    assert [p.label for p in view.pending] == [thanks.LABEL, thanks.LABEL]

    status = facade.sync.sync_now()
    # Sent and settled: the server holds both, the queue is empty, the replica has the
    # server's entries (synced), once each.
    assert status.state == "online" and status.unsent == 0, facade.sync.outbox_entries()
    summaries = [t.summary for t in facade.customers.customer_360(customer).timeline]
    assert summaries.count("Thank-you card: merci pour votre visite") == 1
    assert summaries.count("Thank-you card: à bientôt") == 1
    assert all(t.sync == "synced" for t in facade.customers.customer_360(customer).timeline)


def test_an_order_the_server_already_holds_under_its_number_is_settled_not_renumbered() -> None:
    """After the tablet changed hands, the order is resent under another user's keys: the
    server's 409 says it is the same order and carries it; anything else is not ours."""
    from clienteling.api.client import ApiError
    from clienteling.outbox.command import command_for
    from clienteling.outbox.entry import Row

    number = "PAR01-260105-3F-01"
    row = Row(id=1, kind="order.create", customer_id="C-1", target=number,
              payload={"order_number": number}, idempotency_key="k", created_at="",
              state="waiting", attempts=1, next_attempt_at=0.0, error_code=None,
              error_detail=None, problem=None, author=None)
    command = command_for("order.create")
    order = {"order_number": number, "status": "confirmed"}
    same = ApiError(409, "order.number_taken", "placed already",
                    {"code": "order.number_taken", "same_order": True, "order": order})
    assert command.already_done(row, same) == order
    other = ApiError(409, "order.number_taken", "taken",
                     {"code": "order.number_taken", "same_order": False})
    assert command.already_done(row, other) is False
    elsewhere = ApiError(409, "order.number_taken", "placed already", {
        "code": "order.number_taken", "same_order": True,
        "order": {**order, "order_number": "PAR01-260105-3F-02"}})
    assert command.already_done(row, elsewhere) is False
