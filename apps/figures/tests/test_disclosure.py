"""The defects of issue 9, one test each: what anonymous users and office staff get from the
figures' channels."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from apps.accounts.models import Role, StaffProfile
from apps.agreements.models import Contract, ContractStatus
from apps.agreements.tests.factories import ContractFactory
from apps.figures.summary import current_build
from apps.figures.tests.test_channels import money, report_contracts, rows_by_key
from apps.operations.reports import collect_figures
from apps.public import selectors
from apps.regions.tests.factories import CityFactory
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db


def test_anonymous_cannot_difference_two_stats_queries(anonymous, sample):
    for day in (3, 4):
        ContractFactory(
            number=f"CT-JS-SEP-{day}",
            organization=sample.suzhou.organizations.first(),
            province=sample.jiangsu,
            city=sample.suzhou,
            signed_on=datetime.date(2016, 9, day),
            amount=Decimal("4242.42"),
        )
    published = rows_by_key(
        anonymous.get("/api/v1/stats/contracts/", {"group_by": "province", "province": "320000"})
    )
    responses = [
        anonymous.get(
            "/api/v1/stats/contracts/",
            {"group_by": "province", "province": "320000", "signed_on_before": before},
        )
        for before in ("2016-09-04", "2016-09-03")
    ]
    later, earlier = (rows_by_key(response)["320000"] for response in responses)

    assert later["count"] - earlier["count"] == 1
    assert later["total_amount"] is None and earlier["total_amount"] is None
    assert later["suppressed"] and earlier["suppressed"]
    # The unfiltered query is a published cell, the same as on the province page.
    assert published["320000"]["count"] == 6
    assert money(published["320000"]["total_amount"]) == money(
        selectors.province_overview(sample.jiangsu)["figures"]["contracts_value"]
    )


def test_stats_by_year_for_city_gives_counts_only(anonymous, sample):
    rows = rows_by_key(
        anonymous.get("/api/v1/stats/contracts/", {"group_by": "year", "city": "320500"})
    )

    assert {key: row["count"] for key, row in rows.items()} == {
        "2014": 1,
        "2015": 1,
        "2016": 1,
        "2017": 1,
    }
    assert all(row["total_amount"] is None and row["suppressed"] for row in rows.values())
    for group_by in ("kind", "status", "department"):
        response = anonymous.get("/api/v1/stats/contracts/", {"group_by": group_by})
        assert all(row["total_amount"] is None for row in response.json())


def office_api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_office_summary_limited_to_own_region(anonymous, sample, django_user_model):
    ContractFactory(
        number="CT-JS-HIDDEN",
        organization=sample.suzhou.organizations.first(),
        province=sample.jiangsu,
        city=sample.suzhou,
        amount=Decimal("100.00"),
        is_public=False,
    )
    user = django_user_model.objects.create_user(
        username="suzhou-office", email="suzhou@example.edu.cn", password=None, is_staff=True
    )
    StaffProfile.objects.create(user=user, role=Role.OFFICE, city=sample.suzhou)
    office = office_api(user)

    own = office.get("/api/v1/stats/summary/", {"city": "320500"}).json()
    other = office.get("/api/v1/stats/summary/", {"province": "640000"}).json()
    national = office.get("/api/v1/stats/summary/").json()

    assert own["contracts"] == 5  # the hidden one included, in their own region
    assert money(own["contract_amount"]) == sum(
        (c.amount for c in Contract.objects.filter(city__in=[sample.suzhou, sample.wujiang])),
        Decimal(0),
    )
    # Elsewhere they get what everybody gets: public records, published sums.
    assert other == anonymous.get("/api/v1/stats/summary/", {"province": "640000"}).json()
    assert other["contracts"] == 1 and other["contract_amount"] is None
    assert national == anonymous.get("/api/v1/stats/summary/").json()
    # Their stats count their own region only.
    provinces = rows_by_key(office.get("/api/v1/stats/contracts/", {"group_by": "province"}))
    assert set(provinces) == {"320000"}


def test_request_stats_hide_small_cells(anonymous, sample):
    haidian = CityFactory(code="110108", province=sample.beijing, name_zh="海淀区")
    TechRequestFactory(province=sample.beijing, city=haidian, budget_range="over_10m")
    TechRequestFactory.create_batch(3, province=sample.jiangsu, city=sample.suzhou)

    singled_out = anonymous.get(
        "/api/v1/stats/requests/",
        {"group_by": "status", "city": "110108", "budget_range": "over_10m"},
    )
    by_city = rows_by_key(anonymous.get("/api/v1/stats/requests/", {"group_by": "city"}))
    by_status = anonymous.get("/api/v1/stats/requests/", {"group_by": "status"}).json()

    assert singled_out.status_code == 400
    assert "1" not in singled_out.content.decode().replace("110108", "")
    # Suzhou's 3 alone would leave Beijing's 1 as the rest of the 4: both withheld.
    assert by_city == {}
    assert by_status == [
        {"key": "submitted", "label": by_status[0]["label"], "count": 4, "suppressed": False}
    ]

    TechRequestFactory.create_batch(3, province=sample.beijing, city=haidian)
    shown = rows_by_key(anonymous.get("/api/v1/stats/requests/", {"group_by": "city"}))
    assert {key: row["count"] for key, row in shown.items()} == {"110108": 4, "320500": 3}


def test_drafts_excluded_from_every_channel(anonymous, sample):
    draft_year = 2011
    Contract.objects.filter(number="CT-DRAFT").update(signed_on=datetime.date(draft_year, 1, 1))
    assert Contract.objects.get(number="CT-DRAFT").status == ContractStatus.DRAFT
    current_build()

    dashboard = selectors.province_overview(sample.ningxia)["figures"]
    home = selectors.home_overview()["figures"]
    summary = anonymous.get("/api/v1/stats/summary/", {"province": "640000"}).json()
    stats = rows_by_key(anonymous.get("/api/v1/stats/contracts/", {"group_by": "province"}))
    years = rows_by_key(
        anonymous.get("/api/v1/stats/contracts/", {"group_by": "year", "province": "640000"})
    )
    statuses = rows_by_key(anonymous.get("/api/v1/stats/contracts/", {"group_by": "status"}))
    report = collect_figures(year=draft_year, province=sample.ningxia)

    assert dashboard["contracts"] == summary["contracts"] == stats["640000"]["count"] == 1
    assert home["contracts"] == 5
    assert str(draft_year) not in years
    assert ContractStatus.DRAFT not in statuses
    assert report_contracts(report) == 0
