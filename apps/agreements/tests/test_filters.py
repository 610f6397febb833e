"""The shared FilterSets, through the API of contracts and agreements: regions, years, amounts
(staff only), M2M codes."""

import datetime
from decimal import Decimal

import pytest

from apps.agreements.models import ScopeArea
from apps.agreements.tests.factories import ContractFactory, CooperationAgreementFactory
from apps.core.tests.factories import DepartmentFactory
from apps.partners.tests.factories import OrganizationFactory
from apps.regions.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def numbers(client, **params):
    response = client.get("/api/v1/contracts/", params)
    assert response.status_code == 200, response.content
    return sorted(row["number"] for row in response.json()["results"])


@pytest.fixture
def spread(db):
    city = CityFactory()
    district = CityFactory(province=city.province, parent=city, level="county")
    elsewhere = CityFactory()
    chemistry = DepartmentFactory(code="chemistry")
    in_city = OrganizationFactory(city=city, province=city.province)
    in_district = OrganizationFactory(city=district, province=city.province)
    away = OrganizationFactory(city=elsewhere, province=elsewhere.province)
    ContractFactory(number="C-CITY", organization=in_city, amount=Decimal("10.00"))
    ContractFactory(
        number="C-DISTRICT",
        organization=in_district,
        department=chemistry,
        signed_on=datetime.date(2021, 12, 31),
        amount=Decimal("99999.00"),
    )
    ContractFactory(
        number="C-AWAY", organization=away, kind="transfer", status="completed", amount=5
    )
    return city, elsewhere


def test_city_includes_its_districts(anonymous, spread):
    city, _elsewhere = spread

    assert numbers(anonymous, city=city.code) == ["C-CITY", "C-DISTRICT"]
    assert numbers(anonymous, province=city.province.code) == ["C-CITY", "C-DISTRICT"]


def test_several_provinces_kinds_and_statuses(anonymous, spread):
    city, elsewhere = spread

    assert len(numbers(anonymous, province=[city.province.code, elsewhere.province.code])) == 3
    assert numbers(anonymous, kind="transfer", status="completed") == ["C-AWAY"]
    assert numbers(anonymous, department="chemistry") == ["C-DISTRICT"]


def test_year_and_date_range(anonymous, spread):
    assert numbers(anonymous, year=2021) == ["C-DISTRICT"]
    assert numbers(anonymous, signed_on_after="2021-01-01", signed_on_before="2021-12-31") == [
        "C-DISTRICT"
    ]


def test_amount_range_only_narrows_for_staff(anonymous, admin_api, spread):
    assert numbers(admin_api, amount_min=50000) == ["C-DISTRICT"]
    assert len(numbers(anonymous, amount_min=50000)) == 3


def test_unknown_codes_are_a_400(anonymous, spread):
    assert anonymous.get("/api/v1/contracts/", {"province": "990000"}).status_code == 400
    assert anonymous.get("/api/v1/contracts/", {"year": 1200}).status_code == 400


def test_agreements_by_scope_area(anonymous, db):
    talent = ScopeArea.objects.create(code="talent", name_zh="人才", name_en="Talent")
    platform = ScopeArea.objects.create(code="platform", name_zh="平台", name_en="Platforms")
    both = CooperationAgreementFactory(number="A-BOTH")
    both.scope_areas.add(talent, platform)
    CooperationAgreementFactory(number="A-NONE")

    response = anonymous.get("/api/v1/agreements/", {"scope_area": ["talent", "platform"]})

    assert [row["number"] for row in response.json()["results"]] == ["A-BOTH"]


def test_search_and_ordering(anonymous, admin_api, spread):
    response = anonymous.get("/api/v1/contracts/", {"search": "C-AWAY"})
    assert [row["number"] for row in response.json()["results"]] == ["C-AWAY"]

    by_amount = admin_api.get("/api/v1/contracts/", {"ordering": "-amount"}).json()["results"]
    assert by_amount[0]["number"] == "C-DISTRICT"
    # Anonymous users may not rank contracts by their confidential amounts.
    public = anonymous.get("/api/v1/contracts/", {"ordering": "-amount"}).json()["results"]
    default = anonymous.get("/api/v1/contracts/").json()["results"]
    assert public == default
