"""schemathesis against the OpenAPI description the site serves: no server error, every
answer matches its schema and its status code is a documented one. Bounded: at most 25
examples per operation, each within a deadline."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.commitments import builders
from tests.conftest import examples
from tests.secretariat.conftest import S, make_agreement


@pytest.fixture
def served_schema(frozen_today, db, settings):
    """The description /api/v1/openapi.json serves, called in-process through WSGI, over a
    small plan with facts, a session and an agreement."""
    from django.core.wsgi import get_wsgi_application

    settings.API_RATE_LIMIT = "100000/min"
    commitment = builders.make_commitment(
        indicators=[{"name": "Avance"}], milestones=[{"title": "Hito"}]
    )
    builders.add_measurement(commitment.indicators.get(), builders.HALFWAY, 30)
    session = builders.make_session()
    make_agreement(session, "STMGA-1", status=S.IN_PROGRESS, text="Acuerdo de prueba.")
    # As Django's test client does: the end of a request must not close the connection that
    # holds the test's transaction (PostgreSQL would lose it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_the_api_keeps_its_description(served_schema):
    operations = [result.ok() for result in served_schema.get_all_operations()]
    assert len(operations) >= 9

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples(25),
            deadline=5000,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def keeps_it(case):
            # The WSGI client does not decompress what the page cache compresses.
            case.call_and_validate(checks=CHECKS, headers={"Accept-Encoding": "identity"})

        keeps_it()
