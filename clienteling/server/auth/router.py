"""Sign in, token refresh and sign out; staff accounts created by an admin."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from clienteling.api import models as w
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
from clienteling.server.problems import problem_response
from clienteling.server.sessions import DatabaseRoute

# Sign-in checks a password (slow, no database held) under its own bounds; the other routes
# hold a database slot like every API route (see sessions.DatabaseRoute).
router = APIRouter(tags=["auth"])
accounts = APIRouter(tags=["auth"], route_class=DatabaseRoute)
log = logging.getLogger(__name__)


@router.post("/auth/login", response_model=w.Tokens,
             responses={401: {"description": "Wrong credentials"},
                        422: {"description": "Invalid request"},
                        429: {"description": "Too many failed sign-ins for this username: "
                                             "wait the seconds of Retry-After"},
                        503: {"description": "Too many passwords being checked at once"}})
def login(body: w.LoginRequest, request: Request,
          config: ServerConfig = Depends(get_config)) -> w.Tokens:
    # Not get_session: login runs its own short transactions around the slow password check.
    state = request.app.state
    try:
        return service.login(state.sessions, username=body.username, password=body.password,
                             device_name=body.device_name, config=config,
                             password_slots=state.password_slots, clock=state.clock)
    except service.LoginRefused as refusal:
        if refusal.reason != "busy":  # "busy" was not an attempt: nothing was checked
            _audit_refusal(state.sessions, refusal, request)
        raise refusal.problem() from None


def _audit_refusal(sessions: sessionmaker[Session], refusal: service.LoginRefused,
                   request: Request) -> None:
    """A refused sign-in in the audit log, in a short transaction of its own (the refusal
    stands even when the log cannot be written: a database error is logged, not answered)."""
    try:
        with sessions() as session, session.begin():
            audit.record(session, action=audit.Action.LOGIN_FAILED, staff=None,
                         username=refusal.username[:150],
                         detail={"reason": refusal.reason,
                                 "client": request.client.host if request.client else None})
    except SQLAlchemyError:
        log.warning("could not audit a refused sign-in for %r", refusal.username[:150],
                    exc_info=True)


@accounts.post("/auth/refresh", response_model=w.Tokens,
             responses={401: {"description": "Invalid, expired or reused token"},
                        422: {"description": "Invalid request"}})
def refresh(body: w.RefreshRequest, request: Request, session: Session = Depends(get_session),
            config: ServerConfig = Depends(get_config)) -> w.Tokens | Response:
    tokens = service.refresh(session, refresh_token=body.refresh_token, config=config,
                             now=request.app.state.clock())
    if tokens is None:
        # Returned, not raised: the revocation of the session must be committed.
        return problem_response(401, "This refresh token was already used: the session is "
                                "closed for safety, sign in again.", code="auth.refresh_reused")
    return tokens


@accounts.post("/auth/logout", status_code=204, response_class=Response,
             responses={401: {"description": "Not signed in"}})
def logout(staff: Staff = Depends(current_staff),
           session: Session = Depends(get_session)) -> Response:
    service.logout(session, staff=staff)
    return Response(status_code=204)


@accounts.get("/auth/me", response_model=w.User,
            responses={401: {"description": "Not signed in"}})
def me(staff: Staff = Depends(current_staff)) -> w.User:
    return w.User(id=staff.id, username=staff.username, display_name=staff.display_name,
                  role=staff.role, store_id=staff.store_id)


@accounts.post("/users", response_model=w.User, status_code=201,
             responses={403: {"description": "Only an admin creates accounts"},
                        409: {"description": "The username is taken"},
                        422: {"description": "Invalid request"}})
def create_user(body: w.UserCreate, admin: Staff = Depends(require_role(w.Role.ADMIN)),
                session: Session = Depends(get_session)) -> w.User:
    # A taken username is a Conflict (409), any other refusal a 422: the one handler says so.
    user = service.create_user(session, username=body.username, password=body.password,
                               role=body.role.value, store_id=body.store_id,
                               display_name=body.display_name)
    audit.record(session, action=audit.Action.STAFF_CREATE, staff=admin,
                 detail={"user_id": user.id, "username": user.username, "role": user.role,
                         "store_id": user.store_id})
    return service.user_wire(user)
