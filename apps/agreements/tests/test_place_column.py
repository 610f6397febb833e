"""The contract's place column (PostgreSQL's, kept by a trigger whatever writes the row) and the
city filter that reads it: a city's list holds its own and its districts' contracts, in order."""

import datetime

import pytest
from django.db import connection
from rest_framework.test import APIClient

from apps.agreements.models import Contract
from apps.agreements.tests.factories import ContractFactory
from apps.partners.tests.factories import OrganizationFactory
from apps.regions.models import CityLevel
from apps.regions.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous():
    return APIClient()


def place_of(contract):
    with connection.cursor() as cursor:
        cursor.execute("SELECT place_id FROM agreements_contract WHERE id = %s", [contract.pk])
        return cursor.fetchone()[0]


@pytest.fixture
def cities(db):
    city = CityFactory()
    district = CityFactory(province=city.province, parent=city, level=CityLevel.COUNTY)
    other = CityFactory(province=city.province)
    return city, district, other


def test_every_way_of_writing_keeps_the_place(cities):
    city, district, other = cities
    saved = ContractFactory(organization=OrganizationFactory(city=district, province=city.province))
    assert place_of(saved) == city.pk
    Contract.objects.filter(pk=saved.pk).update(city=other)
    assert place_of(saved) == other.pk
    (bulk,) = Contract.objects.bulk_create(
        [
            Contract(
                number="BULK-1",
                title_zh="批量合同",
                kind=saved.kind,
                status=saved.status,
                department=saved.department,
                organization=saved.organization,
                province=city.province,
                city=district,
                signed_on=datetime.date(2020, 1, 1),
                amount=1,
            )
        ]
    )
    assert place_of(bulk) == city.pk
    with connection.cursor() as cursor:
        cursor.execute("UPDATE agreements_contract SET place_id = NULL WHERE id = %s", [bulk.pk])
    assert place_of(bulk) == city.pk  # the column is the trigger's, not the writer's


def test_a_city_lists_its_districts_contracts_in_every_order(anonymous, cities):
    city, district, other = cities
    mine = [
        ContractFactory(
            organization=OrganizationFactory(city=place, province=city.province),
            signed_on=datetime.date(2010 + index, 1, 1),
        )
        for index, place in enumerate([city, district, city, district, district])
    ]
    ContractFactory(organization=OrganizationFactory(city=other, province=city.province))
    for ordering in ["", "signed_on", "-signed_on", "number", "-number", "end_on"]:
        params = {"city": city.code, "page_size": 2}
        if ordering:
            params["ordering"] = ordering
        numbers, url = [], "/api/v1/contracts/"
        while url:
            body = anonymous.get(url, params).json()
            numbers += [row["number"] for row in body["results"]]
            url, params = body["next"], {}
        expected = Contract.objects.filter(pk__in=[c.pk for c in mine]).order_by(
            *([ordering] if ordering else ["-signed_on", "number"]), "pk"
        )
        assert numbers == [contract.number for contract in expected], ordering
    # A district alone: its own contracts only.
    only = anonymous.get("/api/v1/contracts/", {"city": district.code}).json()["results"]
    assert sorted(row["number"] for row in only) == sorted(
        c.number for c in mine if c.city_id == district.pk
    )
