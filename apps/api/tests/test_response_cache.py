"""Anonymous API responses from the public cache (apps.core.rest.response_cache)."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.agreements.tests.factories import ContractFactory
from apps.public.tests.sample import clear_caches

pytestmark = pytest.mark.django_db

URL = "/api/v1/contracts/"


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Records written as if committed: the data version moves on, as a real commit does."""

    def write(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return write


@pytest.fixture
def contract(committed):
    return committed(lambda: ContractFactory(number="CT-1", amount=Decimal("1234567.89")))


def numbers(response):
    assert response.status_code == 200
    return sorted(row["number"] for row in response.json()["results"])


def queries_of(request):
    with CaptureQueriesContext(connection) as queries:
        response = request()
    return response, len(queries)


def test_an_anonymous_list_asked_twice_is_read_from_the_database_once(contract):
    client = APIClient()
    first, first_queries = queries_of(lambda: client.get(URL))
    second, second_queries = queries_of(lambda: client.get(URL))

    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert numbers(second) == ["CT-1"]
    for header in ("Content-Type", "Vary", "Allow"):
        assert second[header] == first[header]
    assert "Content-Security-Policy" in second


def test_a_committed_change_is_seen_by_the_next_request(contract, committed):
    client = APIClient()
    assert numbers(client.get(URL)) == ["CT-1"]
    committed(lambda: ContractFactory(number="CT-2", organization=contract.organization))
    assert numbers(client.get(URL)) == ["CT-1", "CT-2"]


def test_records_stats_and_summary_are_cached_per_language(contract):
    client = APIClient()
    for url in (
        f"{URL}{contract.pk}/",
        "/api/v1/stats/contracts/?group_by=province",
        "/api/v1/stats/summary/",
    ):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert english.status_code == 200
        again, count = queries_of(lambda u=url: client.get(u, HTTP_ACCEPT_LANGUAGE="en"))
        assert (again.content, count) == (english.content, 0)
        chinese, count = queries_of(lambda u=url: client.get(u, HTTP_ACCEPT_LANGUAGE="zh-hans"))
        assert count > 0
        assert chinese["Content-Language"] == "zh-hans"


def test_staff_responses_are_never_cached_nor_served_to_anonymous(contract, superuser):
    staff = APIClient()
    staff.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=superuser).key}")
    anonymous = APIClient()

    assert staff.get(URL).json()["results"][0]["amount"] == "1234567.89"
    assert "amount" not in anonymous.get(URL).json()["results"][0]
    _response, count = queries_of(lambda: staff.get(URL))
    assert count > 0
    assert "amount" not in anonymous.get(URL).json()["results"][0]

    session = APIClient()
    session.force_login(superuser)
    assert session.get(URL).json()["results"][0]["amount"] == "1234567.89"


def test_unknown_parameters_are_refused_and_never_reach_shared_responses(contract, committed):
    committed(
        lambda: [
            ContractFactory(number=f"CT-P{n}", organization=contract.organization) for n in range(3)
        ]
    )
    client = APIClient()
    first = client.get(URL, {"page_size": 2})
    refused = client.get(URL, {"page_size": 2, "utm_source": "x", "evil": "<b>"})
    assert refused.status_code == 400
    assert set(refused.json()) == {"utm_source", "evil"}
    assert "would ignore it" in refused.json()["evil"][0]
    again, count = queries_of(lambda: client.get(URL, {"page_size": 2}))
    assert (again.content, count) == (first.content, 0)
    assert "utm_source" not in again.json()["next"]
    # A recognised parameter is part of the key.
    assert len(client.get(URL, {"page_size": 3}).json()["results"]) == 3


def test_a_parameter_the_summary_cannot_honour_is_refused():
    """`stats/summary/?year=1990` once answered the all-time figures as if for 1990."""
    response = APIClient().get("/api/v1/stats/summary/", {"year": "1990"})
    assert response.status_code == 400
    assert "year" in response.json()
    assert "province" in response.json()["year"][0]  # it says what the endpoint accepts


@pytest.mark.parametrize(
    ("path", "params", "headers"),
    [
        # A filtered download is computed for its request (the whole list is a prebuilt file,
        # apps.core.prebuilt, read without a query).
        (URL, {"format": "csv", "year": "2015"}, {}),
        (URL, {"format": "xlsx", "year": "2015"}, {}),
        (URL, {}, {"HTTP_ACCEPT": "text/html"}),
        (f"{URL}999999/", {}, {}),
    ],
    ids=["csv", "xlsx", "browsable", "missing"],
)
def test_downloads_errors_and_the_browsable_api_are_not_cached(contract, path, params, headers):
    client = APIClient()

    def read():
        response = client.get(path, params, **headers)
        # A download is streamed: its queries run while it is read.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, body

    first_status, _body = read()
    (status, _body), count = queries_of(read)
    assert status == first_status
    assert count > 0


@pytest.mark.django_db(transaction=True)
def test_uncommitted_writes_neither_read_nor_fill_the_cache():
    contract = ContractFactory(number="CT-1")
    client = APIClient()
    assert numbers(client.get(URL)) == ["CT-1"]

    with transaction.atomic():
        ContractFactory(number="CT-2", organization=contract.organization)
        assert numbers(client.get(URL)) == ["CT-1", "CT-2"]
        transaction.set_rollback(True)

    response, count = queries_of(lambda: client.get(URL))
    assert (numbers(response), count) == (["CT-1"], 0)
