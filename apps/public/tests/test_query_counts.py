"""Query counts of the public pages do not grow with the data (synthetic data set, two sizes)."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from apps.figures.summary import current_build
from apps.public.tests.sample import clear_caches
from apps.public.tests.test_pages import figures, orm_home_figures
from apps.regions.services import geography_load

SMALL = {"contracts": 300, "projects": 120, "events": 120, "organizations": 60, "agreements": 20}
LARGE = {
    "contracts": 3000,
    "projects": 1200,
    "events": 1200,
    "organizations": 400,
    "agreements": 120,
}
PAGES = [
    "/",
    "/en/",
    "/regions/",
    "/regions/320000/",
    "/cities/320500/",
    "/compare/?a=320000&b=320500",
    "/projects/",
    "/projects/?province=320000&year=2015",
    "/institutes/",
    "/funds/",
    "/offices/",
    "/events/",
    "/events/?when=past&kind=fair",
    "/projects/sample-page/",
]


def generate(sizes, *, clear):
    call_command(
        "generate_synthetic",
        no_index=True,
        clear=clear,
        offices=8,
        institutes=6,
        funds=4,
        seed=7,
        stdout=io.StringIO(),
        **sizes,
    )


@pytest.fixture(scope="module")
def synthetic(django_db_setup, django_db_blocker):
    """Geography and a small synthetic data set, once per module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        geography_load()
        generate(SMALL, clear=False)
        yield
        transaction.set_rollback(True)


def cold_query_counts(client):
    counts = {}
    for page in PAGES:
        if page == "/projects/sample-page/":
            code = re.search(
                r'href="/projects/(sy[^"/]+)/"', client.get("/projects/").content.decode()
            )
            page = f"/projects/{code.group(1)}/"
        clear_caches()
        # The summary tables are rebuilt once per data version, not per page (apps.figures).
        current_build()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        assert response.status_code == 200, page
        counts["a project page" if "/projects/sy" in page else page] = len(queries)
    return counts


@pytest.mark.django_db
def test_query_counts_are_the_same_for_small_and_large_data(client, synthetic):
    small = cold_query_counts(client)
    generate(LARGE, clear=True)
    large = cold_query_counts(client)
    assert small == large, [(page, small[page], large[page]) for page in small]
    # And they are small numbers: the home page is one query per aggregate, not per row.
    assert small["/"] <= 15
    assert small["/projects/"] <= 8


@pytest.mark.django_db
def test_warm_home_and_region_pages_run_no_aggregate_query(client, synthetic):
    client.get("/")
    client.get("/regions/320000/")
    with CaptureQueriesContext(connection) as home:
        client.get("/")
    with CaptureQueriesContext(connection) as region:
        client.get("/regions/320000/")
    assert len(home) == 0
    assert len(region) == 0


@pytest.mark.django_db
def test_home_figures_equal_the_orms_on_synthetic_data(client, synthetic):
    response = client.get("/en/")
    with translation.override("en"):
        expected = orm_home_figures(timezone.localdate())
    assert figures(response) == expected
    assert int(expected["contracts"].replace(",", "")) > 200


@pytest.mark.django_db
def test_synthetic_records_are_marked_illustrative_and_cover_many_provinces(synthetic):
    from apps.agreements.models import Contract
    from apps.events.models import ExchangeEvent
    from apps.projects.models import CooperationProject

    for model in (Contract, CooperationProject, ExchangeEvent):
        assert model.objects.exists()
        assert not model.objects.filter(is_illustrative=False).exists()
    assert Contract.objects.values("province").distinct().count() > 20
