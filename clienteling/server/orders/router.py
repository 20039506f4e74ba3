"""HTTP routes of orders: place (idempotent), read, the pickup queue, pickup QR, status moves."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Header, Path, Query, Request, Response
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.domain.orders import OrderStatus
from clienteling.server import idempotency
from clienteling.server.audit import service as audit
from clienteling.server.auth.deps import (
    Staff,
    current_staff,
    get_config,
    get_session,
    get_write_session,
)
from clienteling.server.config import ServerConfig
from clienteling.server.notify.service import Notifier, Outbound
from clienteling.server.orders import policy, service
from clienteling.server.sessions import DatabaseRoute

router = APIRouter(prefix="/orders", tags=["orders"], route_class=DatabaseRoute)
methods = APIRouter(tags=["orders"], route_class=DatabaseRoute)

_PROBLEM = {"model": w.Problem, "content": {"application/problem+json": {}}}


def _problems(*statuses: int) -> dict[int | str, dict]:
    return {status: _PROBLEM for status in statuses}


def _terms(config: ServerConfig, request: Request) -> service.Terms:
    """The selling settings; without a payment provider's page set up, payment links open this
    server's own simulated provider page (`payments.router.demo`, loopback only)."""
    terms = service.Terms.of(config)
    if terms.payment_page is None:
        page = str(request.url_for("demo_page", order_number="ORDER")).replace(
            "ORDER", "{order_number}")
        terms = dataclasses.replace(terms, payment_page=page)
    return terms


@router.post(
    "", status_code=201, response_model=w.Order,
    responses=_problems(400, 403, 409, 422, 503),
    summary="Place an order (idempotent: the same Idempotency-Key answers the same again)",
)
def place_order(
    body: w.OrderCreate,
    request: Request,
    idempotency_key: Annotated[str | None, Header(
        alias="Idempotency-Key",
        description="Required. Made once by the device when the order is made; 1 to 255 "
                    "visible ASCII characters. The same key with the same body answers the "
                    "first answer again; with another body, 422.")] = None,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    config: ServerConfig = Depends(get_config),
) -> Response:
    audit.keep(session, policy.check_place(session, staff, body, config))
    answer = service.place_order(
        session, body=body, key=idempotency.required_key(idempotency_key),
        actor=service.Actor(user_id=staff.id, name=staff.display_name or staff.username,
                            store_id=staff.store_id),
        ttl_days=config.idempotency_ttl_days, terms=_terms(config, request),
    )
    return Response(answer.body, status_code=answer.status, media_type="application/json",
                    headers=answer.headers)


@router.post(
    "/quote", response_model=w.Quote, responses=_problems(403, 409, 422, 503),
    summary="What an order would cost and when it would be there (nothing is reserved)",
    description="The body of POST /orders (no Idempotency-Key). Each line is sourced as placing "
                "the order now would source it (the nearest store with enough available); "
                "`ready_by` (click and collect) counts the store transfer days when a line "
                "comes from another store, `delivery_by` (home delivery) the method's "
                "max_days. 409 `stock.short` with the lines short.",
)
def quote_order(
    body: w.OrderCreate,
    request: Request,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    config: ServerConfig = Depends(get_config),
) -> w.Quote:
    audit.keep(session, policy.check_place(session, staff, body, config))
    return service.quote(session, body=body, terms=_terms(config, request))


@methods.get("/delivery-methods", response_model=list[w.DeliveryMethod],
             summary="The home delivery methods offered, with their fee and days (settings)")
def delivery_methods(
    _staff: Staff = Depends(current_staff),
    config: ServerConfig = Depends(get_config),
) -> list[w.DeliveryMethod]:
    return service.delivery_methods(service.Terms.of(config))


@router.get("", response_model=list[w.Order], responses=_problems(403, 422),
            summary="A store's pickup queue: click-and-collect orders to hand over, oldest first")
def pickup_queue(
    store_id: Annotated[str | None, Query(
        max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$",
        description="The pickup store; the signed-in staff's store by default")] = None,
    status: Annotated[list[OrderStatus] | None, Query(
        description="Repeatable; confirmed and ready_for_pickup by default")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
) -> list[w.Order]:
    store = store_id or staff.store_id
    if store is None:
        return []
    policy.check_queue(staff, store)
    return service.pickup_queue(session, store_id=store, statuses=status, limit=limit)


@router.get("/pickup", response_model=w.Order, responses=_problems(403, 404, 422),
            summary="The order of a scanned pickup QR (clienteling:pickup/<number>/<code>)")
def find_by_pickup_code(
    code: Annotated[str, Query(min_length=1, max_length=512)],
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
) -> w.Order:
    order = service.find_by_pickup_code(session, code=code)
    policy.check_found(staff, order)
    return order


@router.get("/{order_number}", response_model=w.Order, responses=_problems(403, 404))
def get_order(
    order_number: Annotated[str, Path(max_length=200)],
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    trail: Session = Depends(get_write_session),
    config: ServerConfig = Depends(get_config),
) -> w.Order:
    entries = policy.check_read(session, staff, order_number, config)
    order = service.get_order(session, order_number=order_number)
    audit.keep(trail, entries, reader=session)
    return order


@router.post("/{order_number}/status", response_model=w.Order,
             responses=_problems(400, 403, 404, 409),
             summary="Move an order along its allowed transitions",
             description="Ready for pickup tells the customer by the channel they consented "
                         "to (email first, then SMS; recorded in their timeline), once the "
                         "move is committed. Collected marks an order paid at pickup paid.")
def move_order(
    order_number: Annotated[str, Path(max_length=200)],
    body: w.StatusChange,
    request: Request,
    background: BackgroundTasks,
    idempotency_key: Annotated[str | None, Header(
        alias="Idempotency-Key", description="Optional. " + idempotency.HEADER_HELP)] = None,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    config: ServerConfig = Depends(get_config),
) -> Response:
    policy.check_move(session, staff, order_number)

    tell: list[Outbound] = []

    def perform(_at: object) -> tuple[int, str]:
        moved = service.move_order(session, order_number=order_number, status=body.status,
                                   tell=tell, author=staff.display_name or staff.username)
        audit.record(session, action=audit.Action.ORDER_MOVE, staff=staff,
                     customer_id=moved.customer_id,
                     detail={"order_number": moved.order_number, "status": body.status.value})
        return 200, moved.model_dump_json()

    # A device resending a move after a lost answer gets that answer, not a 409 from its own
    # earlier success.
    answer = idempotency.once_if_keyed(
        session, key=idempotency_key, purpose=f"POST /orders/{order_number}/status",
        body=body.model_dump(mode="json"), user_id=staff.id,
        ttl_days=config.idempotency_ttl_days, perform=perform)
    notifier: Notifier = request.app.state.notifier
    for message in tell:  # after the answer, so after the move is committed
        background.add_task(notifier.send, message)
    return Response(answer.body, status_code=answer.status, media_type="application/json",
                    headers=answer.headers)
