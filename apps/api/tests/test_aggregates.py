"""The dashboard's figures: counts and sums by group, small groups' sums withheld publicly."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from apps.agreements.models import ContractKind
from apps.agreements.tests.factories import ContractFactory
from apps.api.aggregates import MIN_PUBLIC_GROUP
from apps.events.tests.factories import ExchangeEventFactory
from apps.partners.tests.factories import OrganizationFactory
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory
from apps.regions.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions(db):
    """Public contracts: 4 in the big city (3 transfers, 1 service; 100 each), 3 in the middle
    one (development; 200 each), 1 in the small one (consulting, 777); and a hidden 5000."""
    big, middle, small = CityFactory(), CityFactory(), CityFactory()
    big_partner = OrganizationFactory(city=big, province=big.province)
    middle_partner = OrganizationFactory(city=middle, province=middle.province)
    small_partner = OrganizationFactory(city=small, province=small.province)
    for year, kind in [
        (2017, "service"),
        (2018, "transfer"),
        (2019, "transfer"),
        (2019, "transfer"),
    ]:
        ContractFactory(
            organization=big_partner,
            signed_on=datetime.date(year, 3, 1),
            amount=Decimal("100.00"),
            kind=kind,
        )
    ContractFactory.create_batch(3, organization=middle_partner, amount=Decimal("200.00"))
    ContractFactory(organization=small_partner, amount=Decimal("777.00"), kind="consulting")
    ContractFactory(organization=big_partner, amount=Decimal("5000.00"), is_public=False)
    return big, middle, small


def by_key(response):
    assert response.status_code == 200, response.content
    return {row["key"]: row for row in response.json()}


def test_public_sums_over_large_groups_only(anonymous, regions):
    big, middle, small = regions

    rows = by_key(anonymous.get("/api/v1/stats/contracts/", {"group_by": "province"}))

    assert rows[big.province.code]["count"] == 4
    assert rows[big.province.code]["total_amount"] == "400.00"
    assert rows[big.province.code]["label"] == big.province.name_zh
    assert rows[small.province.code] == {
        "key": small.province.code,
        "label": small.province.name_zh,
        "count": 1,
        "total_amount": None,
        "suppressed": True,
    }
    # Publishing the middle group would let the total give the small one away.
    assert rows[middle.province.code]["count"] == MIN_PUBLIC_GROUP
    assert rows[middle.province.code]["total_amount"] is None
    assert rows[middle.province.code]["suppressed"]


def test_kinds_give_counts_only_to_the_public(anonymous, regions):
    rows = by_key(anonymous.get("/api/v1/stats/contracts/", {"group_by": "kind"}))

    assert {key: row["count"] for key, row in rows.items()} == {
        "consulting": 1,
        "development": 3,
        "service": 1,
        "transfer": 3,
    }
    # Sums by kind are no published table: they would cut across the regional cells.
    assert all(row["total_amount"] is None and row["suppressed"] for row in rows.values())


def test_staff_see_every_sum_including_hidden_contracts(admin_api, regions):
    big, _middle, small = regions

    rows = by_key(admin_api.get("/api/v1/stats/contracts/", {"group_by": "city"}))

    assert rows[big.code]["total_amount"] == "5400.00"
    assert rows[small.code]["total_amount"] == "777.00"
    assert not rows[small.code]["suppressed"]


def test_groups_by_year_and_kind_with_filters(anonymous, regions):
    big, _middle, _small = regions

    years = by_key(
        anonymous.get("/api/v1/stats/contracts/", {"group_by": "year", "city": big.code})
    )
    kinds = by_key(anonymous.get("/api/v1/stats/contracts/", {"group_by": "kind"}))

    assert {key: row["count"] for key, row in years.items()} == {"2017": 1, "2018": 1, "2019": 2}
    with translation.override("zh-hans"):
        assert kinds["transfer"]["label"] == str(ContractKind.TRANSFER.label)


def test_district_records_count_in_their_city(anonymous, db):
    city = CityFactory()
    district = CityFactory(province=city.province, parent=city, level="county")
    ExchangeEventFactory(city=district, province=city.province, participants=30)
    ExchangeEventFactory(city=city, province=city.province, participants=12)

    rows = by_key(anonymous.get("/api/v1/stats/events/", {"group_by": "city"}))

    assert rows[city.code]["count"] == 2
    assert rows[city.code]["participants"] == 42


def test_a_project_counts_once_per_province_where_it_is_applied(anonymous, db):
    first, second = CityFactory(), CityFactory()
    project = CooperationProjectFactory()
    ProjectSiteFactory(project=project, city=first)
    ProjectSiteFactory(project=project, city=second)
    ProjectSiteFactory(project=project, city=CityFactory(province=first.province))

    rows = by_key(anonymous.get("/api/v1/stats/projects/", {"group_by": "province"}))
    listed = anonymous.get("/api/v1/projects/", {"province": first.province.code}).json()

    assert rows[first.province.code]["count"] == 1
    assert rows[second.province.code]["count"] == 1
    assert [row["id"] for row in listed["results"]] == [project.pk]


def test_group_by_is_required_and_checked(anonymous, db):
    response = anonymous.get("/api/v1/stats/contracts/", {"group_by": "colour"})

    assert response.status_code == 400
    assert "group_by" in response.json()


def test_summary_for_a_province(anonymous, admin_api, regions):
    big, _middle, small = regions

    public = anonymous.get("/api/v1/stats/summary/", {"province": big.province.code}).json()
    staff = admin_api.get("/api/v1/stats/summary/", {"province": big.province.code}).json()
    national = anonymous.get("/api/v1/stats/summary/").json()
    lone = anonymous.get("/api/v1/stats/summary/", {"city": small.code}).json()

    assert public["contracts"] == 4 and public["contract_amount"] == "400.00"
    assert staff["contracts"] == 5 and staff["contract_amount"] == "5400.00"
    assert national["contracts"] == 8
    assert lone["contracts"] == 1 and lone["contract_amount"] is None
    assert anonymous.get("/api/v1/stats/summary/", {"province": "000000"}).status_code == 400
