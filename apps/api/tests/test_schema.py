"""Schemathesis over /api/schema/: no server error, and every response as the schema says.

Runs through the WSGI application in-process, against the demo data (all geography and
``demo_load``, plus a technology request and a hidden contract), first as an anonymous
client (reads, and writes refused), then as a superuser with a token (writes too). The number
of examples per operation is bounded so the run stays short.
"""

import datetime

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.agreements.models import Contract
from apps.demo.demo import demo_load
from apps.regions.models import City
from apps.regions.services import geography_load
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
READ_EXAMPLES = 5
WRITE_EXAMPLES = 4


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data, loaded once for this module in a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        geography_load()
        demo_load(today=datetime.date(2026, 11, 27))
        hidden_contract = Contract.objects.first()
        hidden_contract.is_public = False
        hidden_contract.save()
        city = City.objects.get(code="640100")
        TechRequestFactory(province=city.province, city=city)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def in_process_wsgi():
    """Django's WSGI handler inside the test's transaction: keep it from closing the
    connection at the end of each request, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def run_operations(schema, headers, *, reads, writes, statuses=None):
    """Fuzz every operation; ``statuses`` (if given) collects each operation's status codes."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        examples = reads if operation.method.upper() == "GET" else writes

        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            if statuses is not None:
                key = f"{case.operation.method.upper()} {case.operation.path}"
                statuses.setdefault(key, set()).add(response.status_code)

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # every operation's failure is reported
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:3000]}")
    return failures


def test_anonymous_responses_conform_to_the_schema(demo, in_process_wsgi):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", in_process_wsgi)

    # Anonymous writes are all refused alike: a couple of examples each show it.
    failures = run_operations(schema, {}, reads=READ_EXAMPLES, writes=1)

    assert not failures, "\n\n".join(failures)


def test_staff_responses_conform_to_the_schema(demo, superuser, in_process_wsgi):
    token = Token.objects.create(user=superuser)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", in_process_wsgi)

    statuses = {}
    failures = run_operations(
        schema,
        {"Authorization": f"Token {token.key}"},
        reads=READ_EXAMPLES - 2,
        writes=WRITE_EXAMPLES,
        statuses=statuses,
    )

    assert not failures, "\n\n".join(failures)
    # The token was honoured: every write endpoint was fuzzed past authentication, none was
    # answered only "not authenticated" or "not allowed".
    writes = {key: codes for key, codes in statuses.items() if not key.startswith("GET ")}
    assert len(writes) >= 30
    assert not [key for key, codes in writes.items() if codes <= {401, 403}]
