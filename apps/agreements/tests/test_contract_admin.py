"""The contract changelist at scale: search on indexes, received amounts for the page only."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test import RequestFactory

from apps.agreements.models import Contract
from apps.agreements.tests.factories import ContractFactory, PaymentFactory
from apps.partners.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

URL = "/admin/agreements/contract/"


@pytest.fixture
def contracts(db):
    motors = OrganizationFactory(name_zh="苏州汽车零部件有限公司", name_en="Suzhou Auto Parts")
    return {
        "battery": ContractFactory(
            number="HT-2024-0815",
            title_zh="动力电池热管理技术开发",
            principal_investigator="欧阳教授",
        ),
        "motors": ContractFactory(
            number="HT-2023-0001", title_zh="底盘控制算法", organization=motors
        ),
        "other": ContractFactory(number="HT-2022-0420", title_zh="水处理工艺咨询"),
    }


def listed(staff_client, **params):
    response = staff_client.get(URL, params)
    assert response.status_code == 200
    return {contract.number for contract in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("2024-08", {"HT-2024-0815"}),
        ("热管理", {"HT-2024-0815"}),
        ("欧阳", {"HT-2024-0815"}),
        ("汽车零部件", {"HT-2023-0001"}),
        ("auto parts", {"HT-2023-0001"}),
        ("ht-202", {"HT-2024-0815", "HT-2023-0001", "HT-2022-0420"}),
        ("电池 2023", set()),
    ],
)
def test_search_finds_contracts_by_number_title_investigator_and_partner(
    staff_client, contracts, query, expected
):
    assert listed(staff_client, q=query) == expected


def test_search_conditions_match_the_trigram_indexes(staff_user, contracts):
    """With sequential scans ruled out, PostgreSQL answers the search from the indexes: the
    conditions are written on the expressions the indexes hold."""
    request = RequestFactory().get(URL, {"q": "汽车零部件"})
    request.user = staff_user
    model_admin = site._registry[Contract]
    queryset, _duplicates = model_admin.get_search_results(
        request, Contract.objects.all(), "汽车零部件"
    )
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("number", "title_zh", "title_en", "pi"):
        assert f"agreements_con_{index}_trgm" in plan, plan
    assert "agreements_contract_organization_id" in plan, plan


def test_received_amounts_are_shown_for_a_deep_pages_rows(staff_client, contracts):
    extra = ContractFactory.create_batch(60, signed_on=datetime.date(2030, 1, 1))
    last = contracts["other"]
    PaymentFactory(contract=last, amount=Decimal("120.00"))
    PaymentFactory(contract=last, amount=Decimal("30.00"))
    PaymentFactory(
        contract=last, amount=Decimal("999.00"), received_on=None, due_on=datetime.date(2031, 1, 1)
    )

    response = staff_client.get(URL, {"p": 2})

    rows = {c.number: c.received_amount for c in response.context["cl"].result_list}
    assert len(rows) == len(extra) + len(contracts) - 50
    assert rows[last.number] == Decimal("150.00")
    assert rows[contracts["battery"].number] == Decimal("0")


def test_year_filter_lists_the_years_and_keeps_one(staff_client, contracts):
    ContractFactory(number="HT-2019-0001", signed_on=datetime.date(2019, 7, 1))

    response = staff_client.get(URL, {"year": "2019"})

    assert {c.number for c in response.context["cl"].result_list} == {"HT-2019-0001"}
    choices = response.context["cl"].filter_specs[0].lookup_choices
    assert [year for year, _label in choices] == [str(y) for y in range(2019, 2014, -1)]
    assert listed(staff_client, year="99999") == set()
