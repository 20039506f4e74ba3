"""RFC 9457 problem details for every error the API can return, never an HTML page or a bare 500."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from clienteling.domain.errors import (
    BadRequest,
    Busy,
    Conflict,
    DomainError,
    Forbidden,
    Gone,
    NotFound,
    TooMany,
    Unauthorized,
)

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    410: "Gone",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Invalid request",
    429: "Too many requests",
    500: "Server error",
    503: "Unavailable",
}


class ApiProblem(Exception):
    """Raise from the HTTP layer (a router, a dependency, a middleware) to answer with a
    problem; services raise domain errors (`clienteling.domain.errors`) instead, which
    `install`'s one handler turns into problems. `code` is the stable error code."""

    def __init__(self, status: int, detail: str, *, code: str | None = None,
                 title: str | None = None, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        super().__init__(detail)
        self.headers = headers
        self.status = status
        self.detail = detail
        self.code = code
        self.title = title or TITLES.get(status, "Error")
        self.extra = extra


def problem_response(status: int, detail: str | None, *, code: str | None = None,
                     title: str | None = None, headers: dict[str, str] | None = None,
                     **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"https://clienteling.example/problems/{code}" if code else "about:blank",
        "title": title or TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if code:
        body["code"] = code
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


# The HTTP status of each kind of domain error; any other DomainError broke a rule: 422.
STATUS_OF: tuple[tuple[type[DomainError], int], ...] = (
    (BadRequest, 400), (Unauthorized, 401), (Forbidden, 403), (NotFound, 404), (Conflict, 409),
    (Gone, 410), (TooMany, 429), (Busy, 503),
)


def domain_status(error: DomainError) -> int:
    return next((status for kind, status in STATUS_OF if isinstance(error, kind)), 422)


def domain_response(error: DomainError) -> JSONResponse:
    """A domain error as a problem: its kind's status, its code, its message as the detail
    and its parameters as members (a parameter named `code`, the scanned text, as `value`)."""
    extra = {("value" if name == "code" else name): value
             for name, value in jsonable_encoder(error.params).items()}
    headers: dict[str, str] | None = None
    if isinstance(error, TooMany | Busy):
        headers = {"Retry-After": str(error.retry_after)}
        if isinstance(error, TooMany):
            extra.setdefault("retry_after", error.retry_after)
    elif isinstance(error, Unauthorized):
        headers = {"WWW-Authenticate": "Bearer"}
    return problem_response(domain_status(error), str(error), code=error.code, headers=headers,
                            **extra)


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or ".".join(str(p) for p in loc)


def _document_problems(app: FastAPI) -> None:
    """Describe every error response of `/openapi.json` as what it really is: problem+json with
    the `Problem` schema (FastAPI would claim application/json and its own 422 shape)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        from clienteling.api.models import Problem

        schema = generate()
        template = "#/components/schemas/{model}"
        problem = Problem.model_json_schema(ref_template=template)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(problem.pop("$defs", {}))
        components["Problem"] = problem
        content = {PROBLEM_JSON: {"schema": {"$ref": template.format(model="Problem")}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if "requestBody" in operation:
                    # FastAPI answers 400 when it cannot even decode the body.
                    operation["responses"].setdefault(
                        "400", {"description": "The body cannot be read as JSON"})
                for status, response in operation.get("responses", {}).items():
                    if status[:1] in "45" or status == "default":
                        response["content"] = dict(content)
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def install(app: FastAPI) -> None:
    _document_problems(app)

    @app.exception_handler(ApiProblem)
    async def _api_problem(_request: Request, exc: ApiProblem) -> JSONResponse:
        return problem_response(exc.status, exc.detail, code=exc.code, title=exc.title,
                                headers=exc.headers, **exc.extra)

    @app.exception_handler(DomainError)
    async def _domain(_request: Request, exc: DomainError) -> JSONResponse:
        return domain_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _field_name(err.get("loc", ())), "message": str(err.get("msg", "invalid"))}
            for err in exc.errors()
        ]
        return problem_response(422, "The request has invalid fields.", code="validation",
                                errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code)
        if exc.status_code == 404 and detail == "Not Found":
            detail = "There is nothing at this address."
        return problem_response(exc.status_code, detail, headers=getattr(exc, "headers", None))

    async def _database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
        # SQLite's write lock outlived busy_timeout, no pooled connection came in time, or
        # PostgreSQL went away: the transaction rolled back (or, cut during its commit, it is
        # resent safely: writes carry an Idempotency-Key), so the client may send it again.
        log.warning("database unavailable: %s", getattr(exc, "orig", None) or exc)
        return problem_response(503, "The database is busy or unreachable; try again shortly.",
                                code="database.unavailable", headers={"Retry-After": "1"})

    for unavailable in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(unavailable, _database_unavailable)

    @app.exception_handler(DBAPIError)
    async def _database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        if exc.connection_invalidated:  # the connection broke under the request
            return await _database_unavailable(request, exc)
        return await _unexpected(request, exc)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return problem_response(500, "The server met an unexpected error.", code="internal")
