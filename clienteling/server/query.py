"""Unknown query parameters are refused (422), as unknown body fields are: a typo such as
`?stor_id=PAR02` must not silently answer for the default store."""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from clienteling.server.problems import ApiProblem


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _known(route: APIRoute) -> frozenset[str]:
    # Kept on the route (an APIRoute cannot be a dict key): computed once per route.
    known: frozenset[str] | None = getattr(route, "_clienteling_query_names", None)
    if known is None:
        known = frozenset(_query_names(route.dependant))
        route._clienteling_query_names = known  # type: ignore[attr-defined]
    return known


def no_unknown_query_parameters(request: Request) -> None:
    """An app-wide dependency: 422 naming every query parameter the route does not take."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    unknown = sorted(set(request.query_params) - _known(route))
    if unknown:
        raise ApiProblem(422, "The request has query parameters this operation does not take.",
                         code="validation",
                         errors=[{"field": name[:64], "message": "unknown query parameter"}
                                 for name in unknown[:20]])
