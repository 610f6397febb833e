from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agreements.tests.factories import ContractFactory
from apps.public.cache import current_version
from apps.public.tests.test_pages import figures

pytestmark = pytest.mark.django_db


def test_home_page_is_served_from_the_cache_until_a_record_changes(
    client, sample, django_capture_on_commit_callbacks
):
    assert figures(client.get("/en/"))["contracts"] == "5"
    with CaptureQueriesContext(connection) as queries:
        assert figures(client.get("/en/"))["contracts"] == "5"
    assert len(queries) == 0
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        ContractFactory(
            number="CT-NEW",
            amount=Decimal("10.00"),
            organization=sample.soil_project.partners.get(),
        )
    assert current_version() != version
    assert figures(client.get("/en/"))["contracts"] == "6"


def test_region_page_follows_a_change_to_its_records(
    client, sample, django_capture_on_commit_callbacks
):
    assert figures(client.get("/en/regions/320000/"))["institutes"] == "1"
    with django_capture_on_commit_callbacks(execute=True):
        sample.institute.is_public = False
        sample.institute.save()
    assert figures(client.get("/en/regions/320000/"))["institutes"] == "0"


def test_a_change_that_is_rolled_back_keeps_the_cache(
    client, sample, django_capture_on_commit_callbacks
):
    client.get("/en/")
    version = current_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sample.fund.name_en = "Renamed fund"
        sample.fund.save()
    # Nothing ran: the version moves only when (and if) the transaction commits.
    assert current_version() == version
    assert callbacks
