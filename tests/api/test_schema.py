"""Schemathesis against /api/openapi.json, inside pytest: every operation of the description is sent
examples drawn from its own schema (valid and invalid parameters and bodies), with a programme manager's
token, on the seed programme with the figures of the matrix sample. No answer may be a server error, and
every answer must have a documented status and content type and match its documented schema.

Bounded in time: a few examples per operation (``EXAMPLES``), no shrinking beyond what hypothesis does by
itself. Asked-for reports are recorded but not made (the task runs once the transaction commits, which a
test's transaction never does).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.accounts.conftest import Cast
from tests.accounts.matrix_figures import figures_sample
from tests.api.conftest import token_for

pytestmark = pytest.mark.django_db

EXAMPLES = 6
EVERY_OPERATION = {
    "GET /api/programmes",
    "GET /api/programmes/{code}",
    "GET /api/programmes/{code}/indicator-groups",
    "GET /api/targets",
    "GET /api/targets/{code}",
    "GET /api/units",
    "GET /api/units/{code}",
    "GET /api/figures",
    "POST /api/figures",
    "POST /api/review-steps",
    "GET /api/tasks",
    "GET /api/tasks/{code}",
    "POST /api/tasks/{code}/updates",
    "GET /api/reports",
    "POST /api/reports",
    "GET /api/reports/{pk}",
    "GET /api/reports/{pk}/file",
    "GET /api/dataValueSets",
    "POST /api/dataValueSets",
    "GET /api/sdmx/data.csv",
    "GET /api/sdmx/data.json",
    "GET /api/sdmx/structure",
}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema() -> Iterator[schemathesis.BaseSchema]:
    """The description as the running application serves it, called in this process: the requests run
    inside the test's transaction. Django's end-of-request connection clean-up is disconnected meanwhile,
    as its test client does, so that it does not close the connection that holds the transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def manager_token(cast: Cast) -> str:
    figures_sample(cast)
    return token_for(cast.manager)


def test_every_answer_is_documented_and_never_a_server_error(
    api_schema: schemathesis.BaseSchema, manager_token: str
) -> None:
    headers = {"Authorization": f"ApiToken {manager_token}"}
    operations = [found.ok() for found in api_schema.get_all_operations()]  # type: ignore[union-attr]
    assert {o.label for o in operations} == EVERY_OPERATION

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_well(case: Any) -> None:
            cache.clear()  # the rate limit is tested on its own (tests/api/test_api.py)
            case.call_and_validate(headers=headers, checks=CHECKS)

        answers_well()
