"""Large lists page with a keyset cursor: every row once, in order, at any depth."""

import datetime
from decimal import Decimal

import pytest

from apps.agreements.tests.factories import ContractFactory
from apps.partners.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracts(db):
    """Seven contracts sharing signing dates, end dates (some missing) and amounts."""
    organization = OrganizationFactory()
    days = [datetime.date(2020, 1, 1), datetime.date(2019, 5, 5)]
    ends = [None, datetime.date(2022, 1, 1), None, datetime.date(2021, 1, 1)]
    return [
        ContractFactory(
            number=f"PG-{index}",
            organization=organization,
            signed_on=days[index % 2],
            end_on=ends[index % 4],
            amount=Decimal(1000 * (index % 3)),
        )
        for index in range(7)
    ]


def walk(client, **params):
    """Every page's numbers, following ``next`` from the first page."""
    pages = []
    response = client.get("/api/v1/contracts/", {**params, "page_size": 2})
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["number"] for row in body["results"]])
        if body["next"] is None:
            return pages
        response = client.get(body["next"])


@pytest.mark.parametrize("ordering", [None, "end_on", "-end_on", "signed_on", "-amount"])
def test_pages_list_every_contract_once_in_the_orderings_order(admin_api, contracts, ordering):
    params = {"ordering": ordering} if ordering else {}
    whole = admin_api.get("/api/v1/contracts/", {**params, "page_size": 100}).json()["results"]

    pages = walk(admin_api, **params)

    assert [number for page in pages for number in page] == [row["number"] for row in whole]
    assert len(whole) == len(contracts)
    assert [len(page) for page in pages] == [2, 2, 2, 1]


def test_missing_end_dates_come_last_both_ways(admin_api, contracts):
    for ordering in ("end_on", "-end_on"):
        rows = admin_api.get("/api/v1/contracts/", {"ordering": ordering}).json()["results"]
        ends = [row["end_on"] for row in rows]
        assert ends[-4:] == [None] * 4
        assert None not in ends[:-4]


def test_a_garbled_cursor_is_refused(anonymous, contracts):
    response = anonymous.get("/api/v1/contracts/", {"cursor": "not-a-cursor"})

    assert response.status_code == 404
    assert response.json()["detail"] == "Invalid cursor."


def test_a_staff_cursor_by_amount_is_refused_to_anonymous_users(admin_api, anonymous, contracts):
    first = admin_api.get("/api/v1/contracts/", {"ordering": "-amount", "page_size": 2}).json()

    response = anonymous.get(first["next"])

    assert response.status_code == 404


def test_small_tables_keep_page_numbers_and_a_count(anonymous, contracts):
    departments = anonymous.get("/api/v1/departments/", {"page_size": 2}).json()

    assert departments["count"] == len(contracts)
    assert "page=2" in departments["next"]
    assert "count" not in anonymous.get("/api/v1/contracts/").json()
