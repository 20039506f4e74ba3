"""The managers' endpoints: the client book, assignments, tasks, exports and KPIs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Response
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server import idempotency
from clienteling.server.auth.deps import Staff, current_staff, get_config, get_session
from clienteling.server.clients import service
from clienteling.server.config import ServerConfig
from clienteling.server.sessions import DatabaseRoute

router = APIRouter(tags=["clients"], route_class=DatabaseRoute)

Responses = dict[int | str, dict[str, Any]]
_PROBLEM: dict[str, Any] = {"model": w.Problem, "content": {"application/problem+json": {}}}
_FORBIDDEN: Responses = {403: {**_PROBLEM, "description": "A seller, or another store's manager"}}
_INVALID: Responses = {422: {**_PROBLEM, "description": "Invalid request"}}
_STORE = r"^[A-Za-z0-9][A-Za-z0-9._\-]*$"
StoreId = Annotated[str, Query(min_length=1, max_length=64, pattern=_STORE)]
Value = Annotated[w.AmountFilter | None, Query()]
TaskId = Annotated[str, Path(min_length=1, max_length=64, pattern=_STORE)]


def client_filters(
    store_id: StoreId,
    q: Annotated[str, Query(max_length=200, description="As GET /customers' `q`")] = "",
    segment: w.SegmentName | None = None,
    tier: Annotated[str | None, Query(min_length=1, max_length=20)] = None,
    last_purchase_from: Annotated[date | None, Query(description="Inclusive, UTC")] = None,
    last_purchase_to: Annotated[date | None, Query(description="Inclusive, UTC")] = None,
    min_value: Value = None,
    max_value: Value = None,
    min_channels: Annotated[int | None, Query(ge=0, le=100)] = None,
    consent: w.ConsentChannel | None = None,
    assigned_seller_id: Annotated[int | None, Query(ge=1, le=w.INT32_MAX)] = None,
    sort: w.ClientSort = w.ClientSort.NAME,
) -> w.ClientFilters:
    try:
        return w.ClientFilters(
            store_id=store_id, q=q, segment=segment, tier=tier,
            last_purchase_from=last_purchase_from, last_purchase_to=last_purchase_to,
            min_value=min_value, max_value=max_value, min_channels=min_channels,
            consent=consent, assigned_seller_id=assigned_seller_id, sort=sort)
    except ValidationError as error:  # what the query's own checks let through (NUL): 422
        raise RequestValidationError(error.errors(include_url=False)) from None


@router.get("/clients", response_model=w.ClientPage, responses={**_FORBIDDEN, **_INVALID},
            summary="A store's client book, filtered and sorted, in keyset pages")
def list_clients(
    filters: w.ClientFilters = Depends(client_filters),
    limit: Annotated[int, Query(ge=1, le=service.MAX_LIMIT)] = 50,
    cursor: Annotated[str | None, Query(max_length=2048,
                                        description="`next_cursor` of the previous page")] = None,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
    config: ServerConfig = Depends(get_config),
) -> w.ClientPage:
    service.check_store(staff, filters.store_id)
    return service.client_page(session, filters, region=config.phone_region, limit=limit,
                               cursor=cursor)


@router.post("/clients/assign", response_model=w.ClientsAssigned,
             responses={**_FORBIDDEN, **_INVALID}, summary="Assign clients to a seller")
def assign_clients(body: w.ClientAssign, staff: Staff = Depends(current_staff),
                   session: Session = Depends(get_session)) -> w.ClientsAssigned:
    if staff.role == w.Role.SELLER:
        service.check_store(staff, staff.store_id or "")
    return w.ClientsAssigned(assigned=service.assign(session, staff=staff, body=body))


@router.post("/tasks", response_model=w.Task, status_code=201,
             responses={200: {"description": "This task was created already", "model": w.Task},
                        404: {**_PROBLEM, "description": "No such customer"},
                        409: {**_PROBLEM, "description": "The task id is taken"},
                        **_FORBIDDEN,
                        422: {**_PROBLEM, "description": "Invalid request; `task.no_consent` "
                                                         "for email or SMS without consent"}},
             summary="A follow-up task for a seller about a client")
def create_task(body: w.TaskCreate, response: Response, staff: Staff = Depends(current_staff),
                session: Session = Depends(get_session)) -> w.Task:
    task, created = service.create_task(session, staff=staff, body=body)
    if not created:
        response.status_code = 200
    return task


@router.get("/tasks", response_model=list[w.Task], responses={**_FORBIDDEN, **_INVALID},
            summary="Tasks: a seller's own, a manager's store's")
def list_tasks(
    assignee_id: Annotated[int | None, Query(ge=1, le=w.INT32_MAX)] = None,
    status: w.TaskState | None = None,
    store_id: Annotated[str | None, Query(min_length=1, max_length=64, pattern=_STORE)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
    staff: Staff = Depends(current_staff),
    session: Session = Depends(get_session),
) -> list[w.Task]:
    return service.list_tasks(session, staff=staff, assignee_id=assignee_id, status=status,
                              store_id=store_id, limit=limit)


@router.post("/tasks/{task_id}", response_model=w.Task,
             responses={404: {**_PROBLEM, "description": "No such task"}, **_FORBIDDEN,
                        **_INVALID}, summary="Complete or snooze a task")
def update_task(task_id: TaskId, body: w.TaskUpdate, staff: Staff = Depends(current_staff),
                session: Session = Depends(get_session)) -> w.Task:
    return service.update_task(session, staff=staff, task_id=task_id, body=body)


@router.post("/exports", response_class=Response,
             responses={200: {"description": "The list as CSV (UTF-8, header row)",
                              "content": {"text/csv": {"schema": {"type": "string"}}}},
                        **_FORBIDDEN, **_INVALID},
             summary="Export the client book's list as CSV (recorded)")
def export_clients(body: w.ClientFilters, staff: Staff = Depends(current_staff),
                   session: Session = Depends(get_session),
                   config: ServerConfig = Depends(get_config)) -> Response:
    service.check_store(staff, body.store_id)
    text = service.export(session, staff=staff, f=body, region=config.phone_region)
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="clients.csv"'})


@router.post("/exports/records", response_model=w.ExportRecord, status_code=201,
             responses={**_FORBIDDEN, **_INVALID},
             summary="Record an export the device made from its own copy (perhaps offline)")
def record_export(body: w.ExportRecordCreate, response: Response,
                  staff: Staff = Depends(current_staff),
                  session: Session = Depends(get_session),
                  config: ServerConfig = Depends(get_config),
                  idempotency_key: Annotated[str | None, Header(
                      alias="Idempotency-Key",
                      description="Optional. " + idempotency.HEADER_HELP)] = None,
                  ) -> Response:
    service.check_store(staff, body.filters.store_id)

    def perform(now: datetime) -> tuple[int, str]:
        # The time the export was made on the device, not when it reached the server.
        record = service.record_export(session, staff=staff, f=body.filters, rows=body.rows,
                                       at=body.at)
        return 201, record.model_dump_json()

    answer = idempotency.once_if_keyed(
        session, key=idempotency_key, purpose="POST /exports/records",
        body=body.model_dump(mode="json"), user_id=staff.id,
        ttl_days=config.idempotency_ttl_days, perform=perform)
    return Response(answer.body, status_code=answer.status, media_type="application/json")


@router.get("/staff", response_model=list[w.StaffMember],
            responses={**_FORBIDDEN, **_INVALID},
            summary="A store's active staff, to assign clients and tasks to")
def list_staff(store_id: StoreId, role: w.Role | None = None,
               staff: Staff = Depends(current_staff),
               session: Session = Depends(get_session)) -> list[w.StaffMember]:
    service.check_store(staff, store_id)
    return service.staff_of(session, store_id=store_id, role=role)


@router.get("/exports", response_model=list[w.ExportRecord],
            responses={**_FORBIDDEN, **_INVALID}, summary="Who exported what, newest first")
def list_exports(store_id: StoreId, limit: Annotated[int, Query(ge=1, le=500)] = 100,
                 staff: Staff = Depends(current_staff),
                 session: Session = Depends(get_session)) -> list[w.ExportRecord]:
    service.check_store(staff, store_id)
    return service.exports(session, store_id=store_id, limit=limit)


@router.get("/kpis", response_model=w.Kpis, responses={**_FORBIDDEN, **_INVALID},
            summary="The store's key figures")
def kpis(store_id: StoreId, staff: Staff = Depends(current_staff),
         session: Session = Depends(get_session)) -> w.Kpis:
    service.check_store(staff, store_id)
    return service.kpis(session, store_id=store_id)
