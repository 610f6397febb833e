import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apps.agreements.tests.factories import ContractFactory
from apps.public.cache import CSRF_PLACEHOLDER, current_version
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


def test_a_cached_page_gives_each_visitor_a_working_csrf_token(sample):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html = first.get("/").content.decode()
    second_html = second.get("/").content.decode()  # served from the cache
    assert CSRF_PLACEHOLDER not in first_html + second_html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second_html).group(1)
    response = second.post(
        "/i18n/setlang/", {"language": "en", "next": "/en/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert second.post("/i18n/setlang/", {"language": "en", "next": "/en/"}).status_code == 403


def test_a_cached_page_ignores_the_query_string(client, sample):
    client.get("/regions/320000/?utm_source=mail")
    html = client.get("/regions/320000/").content.decode()
    assert "utm_source" not in html


def test_list_pages_are_cached_per_query_and_follow_changes(
    client, sample, django_capture_on_commit_callbacks
):
    client.get("/projects/?province=640000")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/projects/?department=&province=640000").content.decode()
    assert len(queries) == 0  # same filters, another order and an empty field: same page
    assert sample.soil_project.title_zh in html
    assert sample.oled_project.title_zh not in html
    with django_capture_on_commit_callbacks(execute=True):
        sample.soil_project.title_zh = "盐碱地改良示范（更名）"
        sample.soil_project.save()
    assert "盐碱地改良示范（更名）" in client.get("/projects/?province=640000").content.decode()
