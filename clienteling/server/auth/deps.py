"""FastAPI dependencies: the database session and the signed-in staff member."""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from clienteling.api.models import Role
from clienteling.server.auth.service import staff_for_access_token, token_hash
from clienteling.server.auth.staff import Staff
from clienteling.server.config import ServerConfig
from clienteling.server.devices.service import revoked_by_admin, revoked_problem
from clienteling.server.problems import ApiProblem
from clienteling.server.sessions import get_read_session, get_session, get_write_session

__all__ = ["Staff", "current_staff", "get_config", "get_read_session", "get_session",
           "get_write_session", "require_role"]


def get_config(request: Request) -> ServerConfig:
    return request.app.state.config  # type: ignore[no-any-return]


_bearer = HTTPBearer(auto_error=False, description="The access token from /auth/login")


def current_staff(
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
    session: Session = Depends(get_read_session),
) -> Staff:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiProblem(401, "Sign in first: send Authorization: Bearer <token>.",
                         code="auth.missing", headers={"WWW-Authenticate": "Bearer"})
    try:
        staff = staff_for_access_token(session, credentials.credentials)
    except BaseException:
        session.rollback()  # a broken connection: the error handler answers 503
        raise
    # End this read now: the connection goes back to the pool while the endpoint waits for a
    # worker thread (a GET's endpoint starts a new read on the same session).
    session.commit()
    if staff is None:
        # A lost device revoked by its store is told so (it wipes itself), unlike an expired
        # token or a sign-out.
        revoked = revoked_by_admin(session, token_hash=token_hash(credentials.credentials))
        session.commit()
        if revoked:
            raise revoked_problem()
        raise ApiProblem(401, "The access token is invalid or has expired.",
                         code="auth.invalid_token")
    return staff


def require_role(*roles: Role):  # type: ignore[no-untyped-def]
    """A dependency that lets only `roles` through (403 otherwise)."""

    def _check(staff: Staff = Depends(current_staff)) -> Staff:
        if staff.role not in roles:
            raise ApiProblem(403, "Your role may not do this.", code="auth.forbidden")
        return staff

    return _check
