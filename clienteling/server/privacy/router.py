"""GDPR from the app: a customer's consent history (whoever may read them), and the rights of
access and erasure exercised by a manager of the customer's home store or an admin. Export and
erasure are recorded in the audit log (`gdpr.export`, `gdpr.erase`) with the staff member."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.audit import service as audit
from clienteling.server.auth.deps import (
    Staff,
    current_staff,
    get_config,
    get_session,
    get_write_session,
    require_role,
)
from clienteling.server.config import ServerConfig
from clienteling.server.customers import policy
from clienteling.server.privacy import erasure, export
from clienteling.server.problems import ApiProblem
from clienteling.server.sessions import DatabaseRoute

router = APIRouter(tags=["privacy"], route_class=DatabaseRoute)

_PROBLEM = {"model": w.Problem, "content": {"application/problem+json": {}}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {**_PROBLEM, "description": "A seller, or another store's manager"},
    404: {**_PROBLEM, "description": "No such customer"}, 422: _PROBLEM}
_MANAGERS = require_role(w.Role.MANAGER, w.Role.ADMIN)
CustomerId = Annotated[str, Path(min_length=1, max_length=64,
                                 pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")]


def _check_manager_of(session: Session, staff: Staff, customer_id: str) -> None:
    """A manager exercises a customer's rights for their own store's customers only."""
    if not policy.is_own(staff, policy.home_store(session, customer_id)):
        raise ApiProblem(403, "Only a manager of this customer's home store (or an admin) may "
                         "do this.", code="customer.other_store")


@router.get("/customers/{customer_id}/consent-history", response_model=list[w.ConsentEvent],
            responses=_RESPONSES, summary="Every change of the customer's consents")
def consent_history(customer_id: CustomerId,
                    staff: Staff = Depends(current_staff),
                    session: Session = Depends(get_session),
                    trail: Session = Depends(get_write_session),
                    config: ServerConfig = Depends(get_config)) -> list[w.ConsentEvent]:
    entries = policy.check_read(session, staff, customer_id, config, what="consents")
    # An unknown or erased customer: the service's NotFound, a 404 from the one handler.
    history = export.consent_history(session, customer_id=customer_id)
    audit.keep(trail, entries, reader=session)
    return [w.ConsentEvent.model_validate(change) for change in history]


@router.post("/customers/{customer_id}/gdpr/export", response_model=w.GdprExport,
             responses=_RESPONSES,
             summary="Everything held on the customer (right of access), audited")
def gdpr_export(customer_id: CustomerId,
                staff: Staff = Depends(_MANAGERS),
                session: Session = Depends(get_session)) -> w.GdprExport:
    _check_manager_of(session, staff, customer_id)
    document = export.export_customer(session, customer_id=customer_id,
                                      requested_by=staff.username, staff=staff)
    return w.GdprExport(document=document, html=export.export_html(document))


@router.post("/customers/{customer_id}/gdpr/erase", response_model=w.ErasureAnswer,
             responses=_RESPONSES,
             summary="Erase the customer's personal data (right to erasure), audited; while "
                     "an order is open the request is recorded and `done` is false")
def gdpr_erase(customer_id: CustomerId,
               ask: Annotated[w.ErasureAsk | None, Body()] = None,
               staff: Staff = Depends(_MANAGERS),
               session: Session = Depends(get_session)) -> w.ErasureAnswer:
    _check_manager_of(session, staff, customer_id)
    outcome = erasure.request_erasure(session, customer_id=customer_id,
                                      requested_by=staff.username, staff=staff,
                                      reason=ask.reason if ask else None)
    return w.ErasureAnswer(customer_id=outcome.customer_id, done=outcome.done,
                           open_orders=outcome.open_orders, already=outcome.already)
