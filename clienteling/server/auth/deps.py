"""FastAPI dependencies: the database session and the signed-in staff member."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from clienteling.api.models import Role
from clienteling.server.config import ServerConfig
from clienteling.server.problems import ApiProblem


def get_config(request: Request) -> ServerConfig:
    return request.app.state.config  # type: ignore[no-any-return]


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on error."""
    factory = request.app.state.sessions
    with factory() as session, session.begin():
        yield session


_bearer = HTTPBearer(auto_error=False, description="The access token from /auth/login")


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    display_name: str
    role: Role
    store_id: str | None
    session_id: int


def current_staff(
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
    session: Session = Depends(get_session),
) -> Staff:
    from clienteling.server.auth.service import staff_for_access_token

    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiProblem(401, "Sign in first: send Authorization: Bearer <token>.",
                         code="auth.missing", headers={"WWW-Authenticate": "Bearer"})
    staff = staff_for_access_token(session, credentials.credentials)
    if staff is None:
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
