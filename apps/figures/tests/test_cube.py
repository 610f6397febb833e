"""The statistics cube answers filtered public counts exactly as counting the records would.

The combinations are generated from the declarations (every record type's ``Stats.cube``), and
each answer is recounted in Python from the contracts' own rows: not through the cube, nor
through the API's counting of the records.
"""

import datetime
import itertools
import random
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agreements.models import Contract, ContractKind, ContractStatus
from apps.agreements.tests.factories import ContractFactory
from apps.core.tests.factories import DepartmentFactory
from apps.figures.cube import cube_declarations
from apps.figures.models import CubeCell
from apps.figures.summary import summary_rebuild
from apps.partners.tests.factories import OrganizationFactory
from apps.regions.models import CityLevel
from apps.regions.tests.factories import CityFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/stats/contracts/"


@pytest.fixture
def contracts(db):
    """150 contracts over two provinces (three cities, one with a district), three
    departments, every kind and status and six years; some unpublished, some drafts."""
    chooser = random.Random(20261208)
    first, second = ProvinceFactory(code="810000"), ProvinceFactory(code="820000")
    cities = [
        CityFactory(province=first, code="810100"),
        CityFactory(province=first, code="810200"),
        CityFactory(province=second, code="820100"),
    ]
    district = CityFactory(province=first, code="810102", level=CityLevel.COUNTY, parent=cities[0])
    places = [*cities, district]
    departments = [DepartmentFactory() for _ in range(3)]
    partners = [OrganizationFactory(province=city.province, city=city) for city in places]
    for index in range(150):
        partner = chooser.choice(partners)
        ContractFactory(
            organization=partner,
            department=chooser.choice(departments),
            kind=chooser.choice(ContractKind.values),
            status=chooser.choice(ContractStatus.values),
            signed_on=datetime.date(2019 + index % 6, 1 + index % 12, 1),
            is_public=chooser.random() > 0.15,
        )
    return {"provinces": [first, second], "cities": cities, "district": district}


def recount(group_by, filters):
    """{key: count} of the published, counted contracts, from their rows in Python."""
    rows = Contract.objects.filter(is_public=True).exclude(status=ContractStatus.DRAFT)
    keys = {
        "province": lambda c: c.province.code if c.province else None,
        "city": lambda c: (c.city.parent or c.city).code if c.city else None,
        "year": lambda c: str(c.signed_on.year),
        "kind": lambda c: c.kind,
        "status": lambda c: c.status,
        "department": lambda c: c.department.code,
    }
    counted = Counter()
    for contract in rows.select_related("province", "city__parent", "department"):
        if all(
            (
                keys[name](contract) == value
                if name != "city"
                else value in (contract.city.code, keys["city"](contract))
                if contract.city
                else False
            )
            for name, value in filters.items()
        ):
            counted[keys[group_by](contract)] += 1
    return dict(counted)


def answers(anonymous, group_by, filters, *, from_cube=False):
    with CaptureQueriesContext(connection) as queries:
        response = anonymous.get(URL, {"group_by": group_by, **filters})
    assert response.status_code == 200, response.content
    if from_cube:
        # Answered from the cube's cells, without reading a contract.
        assert not [q for q in queries.captured_queries if "agreements_contract" in q["sql"]]
    rows = response.json()
    # Counts only, for the public: no sum of contract amounts comes from the cube.
    assert all(row["total_amount"] is None for row in rows)
    return {row["key"]: row["count"] for row in rows}


def filter_values(data, name):
    values = {
        "province": [province.code for province in data["provinces"]],
        "city": [city.code for city in data["cities"]],
        "year": ["2019", "2022", "2024"],
        "kind": [ContractKind.TRANSFER, ContractKind.SERVICE],
        "status": [ContractStatus.SIGNED, ContractStatus.COMPLETED],
        "department": list(Contract.objects.values_list("department__code", flat=True)),
    }
    return sorted(set(values[name]))[:2]


def test_every_declared_cube_is_the_contracts_and_has_cells(contracts):
    summary_rebuild()
    assert [stats.name for stats in cube_declarations()] == ["contracts"]
    assert CubeCell.objects.filter(source="contracts").exists()


def test_filtered_counts_match_a_recount_for_every_combination(anonymous, contracts):
    (stats,) = cube_declarations()
    names = list(stats.cube)
    summary_rebuild()  # the figures' build, as the worker makes it after a change
    checked = 0
    for group_by in names:
        others = [name for name in names if name != group_by]
        for size in (1, 2):
            for chosen in itertools.combinations(others, size):
                if set(chosen) <= {"province", "city"}:
                    continue  # region filters alone are the publication's (released sums)
                for values in itertools.product(*(filter_values(contracts, n) for n in chosen)):
                    filters = dict(zip(chosen, values, strict=True))
                    # The cube holds pairs with a city, and triples without one.
                    from_cube = size == 1 or "city" not in {group_by, *chosen}
                    found = answers(anonymous, group_by, filters, from_cube=from_cube)
                    assert found == recount(group_by, filters), (group_by, filters)
                    checked += 1
    assert checked == 264


def test_a_district_and_several_values_are_counted_right(anonymous, contracts):
    district = contracts["district"]
    first, second = contracts["provinces"]
    # A district is not a place of the cube: its contracts are counted from the records.
    assert answers(anonymous, "kind", {"city": district.code, "year": "2020"}) == recount(
        "kind", {"city": district.code, "year": "2020"}
    )
    both = anonymous.get(
        URL, {"group_by": "department", "kind": ["transfer", "service"], "year": "2021"}
    ).json()
    transfer = recount("department", {"kind": "transfer", "year": "2021"})
    service = recount("department", {"kind": "service", "year": "2021"})
    assert {row["key"]: row["count"] for row in both} == {
        key: transfer.get(key, 0) + service.get(key, 0) for key in {*transfer, *service}
    }
    # Two provinces at once: their contracts together, by kind.
    together = anonymous.get(
        URL, {"group_by": "kind", "province": [first.code, second.code], "year": "2022"}
    ).json()
    one = recount("kind", {"province": first.code, "year": "2022"})
    other = recount("kind", {"province": second.code, "year": "2022"})
    assert {row["key"]: row["count"] for row in together} == {
        key: one.get(key, 0) + other.get(key, 0) for key in {*one, *other}
    }


def test_a_saved_contract_moves_the_answer(anonymous, contracts):
    filters = {"kind": ContractKind.CONSULTING, "year": "2023"}
    before = answers(anonymous, "department", filters)
    contract = Contract.objects.filter(is_public=True, kind=ContractKind.CONSULTING).first()
    ContractFactory(
        organization=contract.organization,
        department=contract.department,
        kind=ContractKind.CONSULTING,
        status=ContractStatus.SIGNED,
        signed_on=datetime.date(2023, 5, 5),
    )
    after = answers(anonymous, "department", filters)
    code = contract.department.code
    assert after[code] == before.get(code, 0) + 1
    assert after == recount("department", filters)


def test_cube_answers_cost_the_same_whatever_the_records(
    anonymous, contracts, django_assert_max_num_queries
):
    anonymous.get(URL, {"group_by": "year", "kind": "service"})  # the build, once
    with django_assert_max_num_queries(6):
        response = anonymous.get(
            URL, {"group_by": "department", "kind": "transfer", "status": "signed"}
        )
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        response = anonymous.get(URL, {"group_by": "city", "department": response.json()[0]["key"]})
    assert response.status_code == 200
