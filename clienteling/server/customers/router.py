"""Customer search, lookup by card, enrolment, profile, edits, consents, notes, wishlist,
orders and timeline."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Response
from sqlalchemy.orm import Session

from clienteling.api import models as w
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
from clienteling.server.customers import policy, service
from clienteling.server.problems import ApiProblem
from clienteling.server.sessions import DatabaseRoute

# FastAPI's `responses`: status → what the OpenAPI document says of it.
Responses = dict[int | str, dict[str, Any]]

router = APIRouter(tags=["customers"], route_class=DatabaseRoute)

CustomerId = Annotated[str, Path(min_length=1, max_length=64,
                                 pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")]
NOT_FOUND: Responses = {404: {"description": "No such customer"}}
FORBIDDEN: Responses = {403: {"description": "A customer of another store (see the access rules)"}}
INVALID: Responses = {422: {"description": "Invalid request"}}


@router.get("/customers", response_model=w.CustomerPage,
            responses={403: {"description": "Listing a store's clients is for managers"},
                       **INVALID})
def search_customers(
    q: Annotated[str, Query(max_length=200, description="Name, email, phone or card number; "
                                                        "empty lists a store's clients")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=2048,
                                        description="`next_cursor` of the previous page")] = None,
    store_id: Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$",
                                          description="The store whose clients to list "
                                                      "(without `q`; managers: their own)")] = None,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    trail: Session = Depends(get_write_session),
    config: ServerConfig = Depends(get_config),
) -> w.CustomerPage:
    if q.strip():
        # Staff search their store; another store's customer only by an exact identifier.
        scope = None if staff.role == w.Role.ADMIN else staff.store_id or ""
        page = service.search_customers(session, q=q, limit=limit, cursor=cursor,
                                        region=config.phone_region, store_id=scope)
        audit.keep(trail, policy.found(staff, [(c.customer_id, c.home_store_id)
                                               for c in page.items], how="search"),
                   reader=session)
        return page
    # Without a query this is the store-wide client list: the manager's client book.
    if staff.role == w.Role.SELLER:
        raise ApiProblem(403, "Only a manager lists a store's clients; search by name, email, "
                         "phone or card.", code="auth.forbidden")
    store = store_id or staff.store_id
    if store is None:
        raise ApiProblem(422, "Say which store's clients to list.", code="store.missing")
    if staff.role == w.Role.MANAGER and store != staff.store_id:
        raise ApiProblem(403, "A manager lists the clients of their own store.",
                         code="auth.forbidden")
    return service.store_customers(session, store_id=store, limit=limit, cursor=cursor)


@router.get("/customers/lookup", response_model=w.Customer,
            responses={404: {"description": "No customer has this card"},
                       422: {"description": "Not a customer code, or a wrong check digit"}})
def lookup_customer(
    code: Annotated[str, Query(min_length=1, max_length=512,
                               description="A card number or the customer's QR payload")],
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    trail: Session = Depends(get_write_session),
) -> w.Customer:
    customer = service.lookup_customer(session, code=code)
    audit.keep(trail, policy.found(staff, [(customer.customer_id, customer.home_store_id)],
                                   how="card"), reader=session)
    return customer


@router.post("/customers", response_model=w.Customer, status_code=201,
             responses={**FORBIDDEN,
                        200: {"description": "Already enrolled with this id and data",
                              "model": w.Customer},
                        409: {"description": "This id belongs to another customer"},
                        **INVALID})
def enrol_customer(body: w.CustomerCreate, response: Response,
                   staff: Staff = Depends(current_staff),
                   session: Session = Depends(get_session),
                   config: ServerConfig = Depends(get_config)) -> w.Customer:
    home = policy.check_enrol(staff, body.home_store_id)
    customer, created = service.enrol_customer(
        session, data=body.model_copy(update={"home_store_id": home}), staff=staff,
        region=config.phone_region)
    if not created:
        response.status_code = 200
    return customer


@router.get("/customers/{customer_id}", response_model=w.Customer,
            responses={**NOT_FOUND, **FORBIDDEN, **INVALID})
def get_customer(customer_id: CustomerId, staff: Staff = Depends(current_staff),
                 session: Session = Depends(get_session),
                 trail: Session = Depends(get_write_session),
                 config: ServerConfig = Depends(get_config)) -> w.Customer:
    entries = policy.check_read(session, staff, customer_id, config, what="profile")
    customer = service.get_customer(session, customer_id=customer_id)
    audit.keep(trail, entries, reader=session)
    return customer


@router.patch("/customers/{customer_id}", response_model=w.Customer,
              responses={**NOT_FOUND, 403: {"description": "Another store's customer, or a field "
                                                          "only a manager changes"},
                         409: {"description": "Changed since read; `current` holds the "
                                              "server's version"},
                         **INVALID})
def update_customer(
    customer_id: CustomerId, body: w.CustomerPatch,
    idempotency_key: Annotated[str | None, Header(
        alias="Idempotency-Key", description="Optional. " + idempotency.HEADER_HELP)] = None,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    config: ServerConfig = Depends(get_config),
) -> Response:
    def perform(_at: object) -> tuple[int, str]:
        edited = service.update_customer(session, customer_id=customer_id, patch=body,
                                         staff=staff, config=config)
        return 200, edited.model_dump_json()

    # A device resending its edit after a lost answer gets that answer, not a version
    # conflict against its own earlier success.
    answer = idempotency.once_if_keyed(
        session, key=idempotency_key, purpose=f"PATCH /customers/{customer_id}",
        body=body.model_dump(mode="json", exclude_unset=True), user_id=staff.id,
        ttl_days=config.idempotency_ttl_days, perform=perform)
    return Response(answer.body, status_code=answer.status, media_type="application/json",
                    headers=answer.headers)


@router.post("/customers/{customer_id}/consents", response_model=w.Customer,
             responses={**NOT_FOUND, **FORBIDDEN,
                        409: {"description": "The interaction id is taken"},
                        **INVALID})
def record_consent(customer_id: CustomerId, body: w.ConsentRecord,
                   staff: Staff = Depends(current_staff),
                   session: Session = Depends(get_session)) -> w.Customer:
    policy.check_write(session, staff, customer_id)
    return service.record_consent(session, customer_id=customer_id, record=body, staff=staff)


@router.post("/customers/{customer_id}/notes", response_model=w.Interaction, status_code=201,
             responses={200: {"description": "This note was recorded already",
                              "model": w.Interaction},
                        **NOT_FOUND, **FORBIDDEN,
                        409: {"description": "The interaction id is taken"},
                        **INVALID})
def add_note(customer_id: CustomerId, body: w.NoteCreate, response: Response,
             staff: Staff = Depends(current_staff),
             session: Session = Depends(get_session)) -> w.Interaction:
    policy.check_write(session, staff, customer_id)
    note, created = service.add_note(session, customer_id=customer_id, note=body, staff=staff)
    if not created:
        response.status_code = 200
    return note


@router.get("/customers/{customer_id}/orders", response_model=list[w.Order],
            responses={**NOT_FOUND, **FORBIDDEN, **INVALID})
def customer_orders(customer_id: CustomerId,
                    limit: Annotated[int, Query(ge=1, le=500)] = 200,
                    staff: Staff = Depends(current_staff),
                    session: Session = Depends(get_session),
                    trail: Session = Depends(get_write_session),
                    config: ServerConfig = Depends(get_config)) -> list[w.Order]:
    entries = policy.check_read(session, staff, customer_id, config, what="orders")
    found = service.customer_orders(session, customer_id=customer_id, limit=limit)
    audit.keep(trail, entries, reader=session)
    return found


@router.get("/customers/{customer_id}/wishlist", response_model=list[w.WishlistItem],
            responses={**NOT_FOUND, **FORBIDDEN, **INVALID})
def wishlist(customer_id: CustomerId, staff: Staff = Depends(current_staff),
             session: Session = Depends(get_session),
             trail: Session = Depends(get_write_session),
             config: ServerConfig = Depends(get_config)) -> list[w.WishlistItem]:
    entries = policy.check_read(session, staff, customer_id, config, what="wishlist")
    found = service.wishlist(session, customer_id=customer_id)
    audit.keep(trail, entries, reader=session)
    return found


@router.post("/customers/{customer_id}/wishlist", response_model=w.WishlistItem,
             status_code=201,
             responses={200: {"description": "Already on the wishlist", "model": w.WishlistItem},
                        **NOT_FOUND, **FORBIDDEN,
                        422: {"description": "Unknown SKU or invalid request"}})
def add_to_wishlist(customer_id: CustomerId, body: w.WishlistAdd, response: Response,
                    staff: Staff = Depends(current_staff),
                    session: Session = Depends(get_session)) -> w.WishlistItem:
    policy.check_write(session, staff, customer_id)
    item, created = service.add_to_wishlist(session, customer_id=customer_id, sku=body.sku)
    if not created:
        response.status_code = 200
    return item


@router.delete("/customers/{customer_id}/wishlist/{sku:path}", status_code=204,
               response_class=Response,
               responses={404: {"description": "No such customer, or not on the wishlist"},
                          **FORBIDDEN,
                          **INVALID})
def remove_from_wishlist(
    customer_id: CustomerId,
    sku: Annotated[str, Path(min_length=1, max_length=64,
                             pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-/]*$")],
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
) -> Response:
    policy.check_write(session, staff, customer_id)
    service.remove_from_wishlist(session, customer_id=customer_id, sku=sku)
    return Response(status_code=204)


@router.get("/customers/{customer_id}/timeline", response_model=list[w.Interaction],
            responses={**NOT_FOUND, **FORBIDDEN, **INVALID})
def timeline(customer_id: CustomerId,
             before: Annotated[w.UTCDateTime | None,
                               Query(description="Only entries before this instant")] = None,
             limit: Annotated[int, Query(ge=1, le=200)] = 50,
             staff: Staff = Depends(current_staff),
             session: Session = Depends(get_session),
             trail: Session = Depends(get_write_session),
             config: ServerConfig = Depends(get_config)) -> list[w.Interaction]:
    entries = policy.check_read(session, staff, customer_id, config, what="timeline")
    found = service.timeline(session, customer_id=customer_id, before=before, limit=limit)
    audit.keep(trail, entries, reader=session)
    return found
