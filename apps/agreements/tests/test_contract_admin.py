"""The contract changelist at scale: search on indexes, received amounts for the page only."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.db.models import Q
from django.test import RequestFactory

from apps.agreements.models import Contract
from apps.agreements.tests.factories import ContractFactory, PaymentFactory
from apps.core.registry import registry
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


def search_plan(user, search_term):
    """The plan of the changelist search's conditions, with sequential scans ruled out."""
    request = RequestFactory().get(URL, {"q": search_term})
    request.user = user
    model_admin = site._registry[Contract]
    queryset, _duplicates = model_admin.get_search_results(
        request, Contract.objects.all(), search_term
    )
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("word", ["Suzhou", "汽车零部件", "热管理"])
def test_words_of_three_characters_are_searched_on_the_trigram_indexes(staff_user, contracts, word):
    """The conditions are written on the expressions the indexes hold, so PostgreSQL answers
    from them (a BitmapOr) even when it may not scan the table."""
    plan = search_plan(staff_user, word)
    for index in ("number", "title_zh", "title_en", "pi"):
        assert f"agreements_con_{index}_trgm" in plan, plan
    assert "agreements_con_document" not in plan, plan


def test_a_partners_name_is_looked_up_first(staff_user, contracts):
    plan = search_plan(staff_user, "汽车零部件")
    assert "agreements_contract_organization_id" in plan, plan


@pytest.mark.parametrize("word", ["汽车", "欧", "AI"])
def test_short_words_are_searched_on_the_pairs_index(staff_user, contracts, word):
    plan = search_plan(staff_user, word)
    assert "agreements_con_document" in plan, plan
    assert "_trgm" not in plan, plan


def icontains_anywhere(word):
    """What the admin's ILIKE search found: the word in a title, the investigator or the
    partner's name."""
    return set(
        Contract.objects.filter(
            Q(number__icontains=word)
            | Q(title_zh__icontains=word)
            | Q(title_en__icontains=word)
            | Q(principal_investigator__icontains=word)
            | Q(organization__name_zh__icontains=word)
            | Q(organization__name_en__icontains=word)
        ).values_list("number", flat=True)
    )


def test_search_finds_what_ilike_found_for_every_chinese_piece_of_the_texts(db):
    """Every piece of one to four characters of every Chinese title and investigator (with a
    letter or digit: a lone bracket narrows nothing and is left out): the indexed search lists
    exactly the contracts ILIKE listed."""
    titles = [
        ("新能源汽车动力电池系统开发", "欧阳娜娜"),
        ("汽车电子（二期）与5G基站", "王芳"),
        ("电池回收工艺咨询", "李四光"),
        ("车", "张"),
    ]
    for title, investigator in titles:
        ContractFactory(title_zh=title, principal_investigator=investigator)
    pieces = {
        text[start : start + length]
        for pair in titles
        for text in pair
        for length in range(1, 5)
        for start in range(len(text) - length + 1)
        if any(character.isalnum() for character in text[start : start + length])
    }
    for word in sorted(pieces):
        found = set(
            Contract.objects.search([word], confidential=True).values_list("number", flat=True)
        )
        assert found == icontains_anywhere(word), word


def test_the_public_api_search_never_matches_an_investigator(client, db):
    ContractFactory(title_zh="水处理工艺咨询", principal_investigator="欧阳教授", is_public=True)
    visible = ContractFactory(title_zh="欧阳湖水质监测", is_public=True)

    response = client.get("/api/v1/contracts/", {"search": "欧阳"})

    assert response.status_code == 200
    assert [row["number"] for row in response.json()["results"]] == [visible.number]


def test_api_search_finds_a_two_character_word_and_a_number_prefix(staff_client, db):
    battery = ContractFactory(number="SYN-C-0012345", title_zh="新能源汽车动力电池系统开发")
    ContractFactory(number="SYN-C-0099999", title_zh="水处理工艺咨询")

    for search, expected in (("汽车", {battery.number}), ("SYN-C-00123", {battery.number})):
        response = staff_client.get("/api/v1/contracts/", {"search": search})
        assert response.status_code == 200
        assert {row["number"] for row in response.json()["results"]} == expected


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


def test_the_search_vector_is_never_a_public_column():
    """It holds the investigator's name in pieces: open data and public exports leave it out."""
    assert "search_document" not in registry.get(Contract).public_fields
    assert "principal_investigator" not in registry.get(Contract).public_fields
