"""Schemathesis over /api/schema/: no server error, and every response as the schema says.

Runs through the WSGI application in-process, against the demo data (all geography and
``demo_load``, plus a technology request and a hidden contract), first as an anonymous
client (reads, and writes refused), then as headquarters staff with a token (an HQ-role user,
not a superuser: its permissions are the role's). Generated values seldom get past the first
field a write checks (an administrative code, a record's id), so the staff run also sends what
a client copying a record would: for every resource that takes writes, the body of an existing
record, that body with each field left out in turn, each field cleared (null) on the record,
the record written back whole, the new record deleted and, for technology requests, every
move of the workflow. The number of generated examples per operation is bounded so the run
stays short.
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
from schemathesis.core import NOT_SET
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.accounts.models import Role
from apps.accounts.tests.conftest import make_staff
from apps.accounts.tests.test_channel_matrix import changed, unique_sets
from apps.agreements.models import Contract
from apps.api.urls import router
from apps.demo.demo import demo_load
from apps.regions.models import City
from apps.regions.services import geography_load
from apps.requests.choices import RequestStatus
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


@pytest.fixture
def hq_token(django_user_model):
    """A token of a headquarters staff member (the HQ role, not a superuser)."""
    user = make_staff(django_user_model, "schema-hq", Role.HQ)
    return Token.objects.create(user=user).key


def write_routes():
    """(prefix, viewset) of every record resource the router serves that takes writes."""
    return [
        (prefix, viewset)
        for prefix, viewset, _basename in router.registry
        if not prefix.startswith("stats/") and hasattr(viewset, "create")
    ]


def writable_fields(viewset):
    serializer = getattr(viewset, "staff_serializer_class", None) or viewset.serializer_class
    return [name for name, field in serializer().fields.items() if not field.read_only]


def copied_body(shown, fields, model):
    """What a client copying a record would post: its writable fields, unique values changed."""
    body = {name: shown[name] for name in fields if name in shown}
    for names in unique_sets(model):
        for name in names:
            if model._meta.get_field(name).is_relation:
                continue
            value = changed(body.get(name))
            if value is not None:
                body[name] = value[-40:] if isinstance(value, str) else value
                break
    return body


def copied_record_cases(schema, headers):
    """(description, case) of the staff run's copied-record requests (see the docstring)."""
    cases = []

    def case(method, path, body=NOT_SET, **path_parameters):
        operation = schema.find_operation_by_path(method, path)
        assert operation is not None, (method, path)
        made = operation.Case(
            path_parameters=path_parameters,
            body=body,
            media_type="application/json" if body is not NOT_SET else None,
        )
        cases.append((f"{method} {path} {path_parameters} {body}"[:300], made))

    for prefix, viewset in write_routes():
        model = viewset.queryset.model
        existing = model.objects.order_by("pk").first()
        collection, item = f"/api/v1/{prefix}/", f"/api/v1/{prefix}/{{id}}/"
        # Read through the schema's own client: Django's test client would reconnect the
        # signal that closes the connection after a request (see ``in_process_wsgi``).
        read = schema.find_operation_by_path("GET", item).Case(path_parameters={"id": existing.pk})
        shown = read.call_and_validate(headers=headers, checks=CHECKS).json()
        fields = writable_fields(viewset)
        body = copied_body(shown, fields, model)
        case("POST", collection, body)
        for name in body:
            case("POST", collection, {key: value for key, value in body.items() if key != name})
        for name in fields:
            case("PATCH", item, {name: None}, id=existing.pk)
        if hasattr(viewset, "update") and schema.find_operation_by_path("PUT", item):
            case(
                "PUT", item, {name: shown[name] for name in fields if name in shown}, id=existing.pk
            )
        if hasattr(viewset, "transition"):
            for status in RequestStatus.values:
                case(
                    "POST",
                    f"{item}transition/",
                    {"status": status, "message": "已联系。"},
                    id=existing.pk,
                )
    return cases


def test_staff_responses_conform_to_the_schema(demo, hq_token, in_process_wsgi):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", in_process_wsgi)
    headers = {"Authorization": f"Token {hq_token}"}

    statuses = {}
    failures = run_operations(
        schema,
        headers,
        reads=READ_EXAMPLES - 2,
        writes=WRITE_EXAMPLES,
        statuses=statuses,
    )

    created = {}
    for description, case in copied_record_cases(schema, headers):
        try:
            response = case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"{description}: {str(error)[:3000]}")
            continue
        statuses.setdefault(f"{case.method} {case.path} copied", set()).add(response.status_code)
        if case.method == "POST" and response.status_code == 201 and "{" not in case.path:
            created[case.path] = response.json()["id"]
    for path, pk in created.items():
        operation = schema.find_operation_by_path("DELETE", f"{path}{{id}}/")
        if operation is None:
            continue
        try:
            operation.Case(path_parameters={"id": pk}).call_and_validate(
                headers=headers, checks=CHECKS
            )
        except (Exception, BaseExceptionGroup) as error:
            failures.append(f"DELETE {path}{pk}/: {str(error)[:3000]}")

    assert not failures, "\n\n".join(failures)
    # Each resource's copy of a record was written: the copied requests reached the services.
    assert set(created) == {f"/api/v1/{prefix}/" for prefix, _viewset in write_routes()}
    # The token was honoured: every write endpoint was fuzzed past authentication, none was
    # answered only "not authenticated" or "not allowed".
    writes = {key: codes for key, codes in statuses.items() if not key.startswith("GET ")}
    assert len(writes) >= 30
    assert not [key for key, codes in writes.items() if codes <= {401, 403}]
