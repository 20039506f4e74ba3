"""Devices of the chain (admins) or of a store (its manager): list them, revoke a lost one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.server.auth.deps import Staff, get_session, require_role
from clienteling.server.devices import service
from clienteling.server.problems import ApiProblem
from clienteling.server.sessions import DatabaseRoute

router = APIRouter(tags=["devices"], route_class=DatabaseRoute)

_PROBLEM = {"model": w.Problem, "content": {"application/problem+json": {}}}
_MANAGERS = require_role(w.Role.MANAGER, w.Role.ADMIN)


def _check_store(staff: Staff, store_id: str | None) -> None:
    """A manager works their own store's devices; an admin the chain's."""
    if staff.role != w.Role.ADMIN and (store_id is None or store_id != staff.store_id):
        raise ApiProblem(403, "A manager manages the devices of their own store only.",
                         code="device.other_store", store_id=store_id)


@router.get("/devices", response_model=list[w.Device],
            responses={403: {**_PROBLEM, "description": "A seller, or another store's manager"},
                       422: _PROBLEM},
            summary="Signed-in devices, most recently seen first")
def list_devices(
    store_id: Annotated[str | None, Query(
        max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-]*$",
        description="The staff's store; a manager's own by default, the chain for an admin")
    ] = None,
    staff: Staff = Depends(_MANAGERS),
    session: Session = Depends(get_session),
) -> list[w.Device]:
    if store_id is None and staff.role != w.Role.ADMIN:
        store_id = staff.store_id
    _check_store(staff, store_id)
    return service.list_devices(session, store_id=store_id)


@router.post("/devices/{device_id}/revoke", response_model=w.Device,
             responses={403: {**_PROBLEM, "description": "A seller, or another store's manager"},
                        404: {**_PROBLEM, "description": "No such device"},
                        422: _PROBLEM},
             summary="Revoke a device: its tokens stop working and it wipes itself")
def revoke_device(
    device_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    staff: Staff = Depends(_MANAGERS),
    session: Session = Depends(get_session),
) -> w.Device:
    # No such device: the service's NotFound, a 404 from the one handler.
    _check_store(staff, service.device_store(session, device_id=device_id))
    return service.revoke_device(session, device_id=device_id, staff=staff)
