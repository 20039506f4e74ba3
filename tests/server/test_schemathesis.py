"""Schemathesis against the API's own /openapi.json: requests generated from the schema (valid
ones and invalid ones), signed in as an admin, never get a 5xx, and every answer conforms to the
documented status codes, media types and schemas, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from clienteling.server.app import create_app
from clienteling.server.config import ServerConfig
from tests.server.conftest import World


def _cases() -> list[tuple[str, str, GenerationMode]]:
    """(method, path, mode) of every operation; invalid requests only where there is an input
    to get wrong."""
    # Only the document is needed here, so an app on an in-memory database that is never used.
    document = create_app(ServerConfig(database_url="sqlite://")).openapi()
    cases = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            cases.append((method.upper(), path, GenerationMode.POSITIVE))
            if operation.get("parameters") or operation.get("requestBody"):
                cases.append((method.upper(), path, GenerationMode.NEGATIVE))
    return cases


CASES = _cases()
# Not conformance failures here: business rules turn down schema-valid data by design (an unknown
# store or customer, a phone number, a check digit), and the admin's token, added to every
# request, makes a request "without Authorization" valid again.
BUSINESS_ANSWERS = [checks.positive_data_acceptance, checks.negative_data_rejection]


@pytest.mark.parametrize(("method", "path", "mode"), CASES,
                         ids=[f"{m} {p} {mode.value}" for m, p, mode in CASES])
def test_the_api_keeps_its_contract(app: FastAPI, world: World, method: str, path: str,
                                    mode: GenerationMode) -> None:
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[path][method]
    headers = world.auth("admin")

    @settings(max_examples=6, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, excluded_checks=BUSINESS_ANSWERS)

    check()
