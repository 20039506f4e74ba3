"""Sign in, token refresh and sign out; staff accounts created by an admin."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from sqlalchemy.orm import Session

from clienteling.api import models as w
from clienteling.domain.errors import DomainError
from clienteling.server.audit import service as audit
from clienteling.server.auth import service
from clienteling.server.auth.deps import (
    Staff,
    current_staff,
    get_config,
    get_session,
    require_role,
)
from clienteling.server.config import ServerConfig
from clienteling.server.problems import ApiProblem, problem_response

router = APIRouter(tags=["auth"])


@router.post("/auth/login", response_model=w.Tokens,
             responses={401: {"description": "Wrong credentials"},
                        422: {"description": "Invalid request"}})
def login(body: w.LoginRequest, session: Session = Depends(get_session),
          config: ServerConfig = Depends(get_config)) -> w.Tokens:
    return service.login(session, username=body.username, password=body.password,
                         device_name=body.device_name, config=config)


@router.post("/auth/refresh", response_model=w.Tokens,
             responses={401: {"description": "Invalid, expired or reused token"},
                        422: {"description": "Invalid request"}})
def refresh(body: w.RefreshRequest, session: Session = Depends(get_session),
            config: ServerConfig = Depends(get_config)) -> w.Tokens | Response:
    tokens = service.refresh(session, refresh_token=body.refresh_token, config=config)
    if tokens is None:
        # Returned, not raised: the revocation of the session must be committed.
        return problem_response(401, "This refresh token was already used: the session is "
                                "closed for safety, sign in again.", code="auth.refresh_reused")
    return tokens


@router.post("/auth/logout", status_code=204, response_class=Response,
             responses={401: {"description": "Not signed in"}})
def logout(staff: Staff = Depends(current_staff),
           session: Session = Depends(get_session)) -> Response:
    service.logout(session, staff=staff)
    return Response(status_code=204)


@router.get("/auth/me", response_model=w.User,
            responses={401: {"description": "Not signed in"}})
def me(staff: Staff = Depends(current_staff)) -> w.User:
    return w.User(id=staff.id, username=staff.username, display_name=staff.display_name,
                  role=staff.role, store_id=staff.store_id)


_USER_ERRORS = {"user.username_taken": 409}


@router.post("/users", response_model=w.User, status_code=201,
             responses={403: {"description": "Only an admin creates accounts"},
                        409: {"description": "The username is taken"},
                        422: {"description": "Invalid request"}})
def create_user(body: w.UserCreate, admin: Staff = Depends(require_role(w.Role.ADMIN)),
                session: Session = Depends(get_session)) -> w.User:
    try:
        user = service.create_user(session, username=body.username, password=body.password,
                                   role=body.role.value, store_id=body.store_id,
                                   display_name=body.display_name)
    except DomainError as error:
        raise ApiProblem(_USER_ERRORS.get(error.code, 422), str(error), code=error.code,
                         **error.params) from error
    audit.record(session, action=audit.Action.STAFF_CREATE, staff=admin,
                 detail={"user_id": user.id, "username": user.username, "role": user.role,
                         "store_id": user.store_id})
    return service.user_wire(user)
