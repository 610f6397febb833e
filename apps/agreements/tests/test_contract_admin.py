"""The contract changelist at scale: search on indexes, received amounts for the page only."""

import datetime
import re
from decimal import Decimal

import factory
import pytest
from django.conf import settings
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, Sum
from django.test import RequestFactory

from apps.accounts.models import Role, StaffProfile
from apps.agreements.models import Contract, ContractKind
from apps.agreements.tests.factories import ContractFactory, PaymentFactory
from apps.core import admin_base
from apps.core.registry import registry
from apps.partners.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

URL = "/admin/agreements/contract/"
# The changelist page: session and user, the tally, the year filter's bounds, the page's ids,
# its rows with their related records and received amounts, the filters' choices.
QUERIES = 12


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
    # Numbers and English titles without digits: a one- or two-character word is not looked
    # for inside a number or an English word (the factory's sequence numbers would match "5"
    # by chance, depending on the tests run before).
    for letter, (title, investigator) in zip("WXYZ", titles, strict=True):
        ContractFactory(
            number=f"QQ-{letter}",
            title_zh=title,
            title_en=f"Contract {letter}",
            principal_investigator=investigator,
        )
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


# --------------------------------------------------------------------------- count and totals


def shown(response):
    context = response.context
    return {
        "count": context["cl"].result_count,
        "estimated": context["cl"].paginator.count_is_estimate,
        "totals": dict(context.get("totals") or []),
        "not_public": context.get("totals_not_public"),
    }


def recount(queryset):
    return {
        "count": queryset.count(),
        "estimated": False,
        "totals": {
            Contract._meta.get_field("amount").verbose_name: queryset.aggregate(
                total=Sum("amount")
            )["total"]
        },
        "not_public": queryset.filter(is_public=False).count(),
    }


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_count_and_totals_equal_a_recount_with_and_without_filters(staff_client, contracts):
    in_english(staff_client)
    ContractFactory.create_batch(7, amount=Decimal("1234.56"), is_public=False)
    ContractFactory.create_batch(5, amount=Decimal("99.99"), kind=ContractKind.CONSULTING)

    for params, queryset in (
        ({}, Contract.objects.all()),
        ({"kind": ContractKind.CONSULTING}, Contract.objects.filter(kind=ContractKind.CONSULTING)),
        ({"is_public__exact": "0"}, Contract.objects.filter(is_public=False)),
        ({"q": "电池"}, Contract.objects.filter(title_zh__contains="电池")),
    ):
        response = staff_client.get(URL, params)
        assert shown(response) == recount(queryset), params
        assert "(an estimate)" not in response.content.decode()


def test_a_list_longer_than_the_exact_limit_shows_an_estimate_and_no_totals(
    staff_client, contracts, monkeypatch
):
    monkeypatch.setattr(admin_base, "EXACT_TALLY_LIMIT", 2)

    response = in_english(staff_client).get(URL)

    page = response.content.decode()
    assert shown(response)["estimated"] is True
    assert shown(response)["count"] >= 3
    assert "totals" not in response.context
    assert "(an estimate)" in page
    assert "narrow the list with a filter or a search" in page
    assert f"about {shown(response)['count']} technology contracts" in page
    # Beside the search box too: the count is never given bare.
    count = shown(response)["count"]
    assert f"about {count} results" in page
    assert not re.search(rf"(?<!about ){count} results?\b", page)
    # A list short enough again is exact, with its totals.
    narrowed = staff_client.get(URL, {"q": "HT-2024"})
    assert shown(narrowed) == recount(Contract.objects.filter(number="HT-2024-0815"))


def test_chinese_page_says_about_for_an_estimate(staff_client, contracts, monkeypatch):
    monkeypatch.setattr(admin_base, "EXACT_TALLY_LIMIT", 2)

    response = staff_client.get(URL)
    page = response.content.decode()

    assert "约" in page and "估计" in page
    assert f"约 {shown(response)['count']} 条结果" in page


def test_office_user_sees_the_count_and_totals_of_their_own_region(client, contracts, db):
    home = contracts["battery"]
    ContractFactory.create_batch(
        3, organization=home.organization, amount=Decimal("10.00"), is_public=False
    )
    user = get_user_model().objects.create_user(username="office", is_staff=True)
    StaffProfile.objects.create(user=user, role=Role.OFFICE, province=home.province)
    client.force_login(user)

    response = client.get(URL)

    own = Contract.objects.filter(province=home.province)
    assert 0 < own.count() < Contract.objects.count()
    assert shown(response) == recount(own)


@pytest.mark.parametrize("search", ["", "电池", "HT-2"])
def test_changelist_queries_do_not_grow_with_the_rows(
    staff_client, contracts, django_assert_max_num_queries, search
):
    params = {"q": search} if search else {}
    with django_assert_max_num_queries(QUERIES) as few:
        staff_client.get(URL, params)
    ContractFactory.create_batch(
        70, title_zh="动力电池回收", number=factory.Sequence(lambda n: f"HT-2-{n:04d}")
    )
    for contract in Contract.objects.all()[:60]:
        PaymentFactory(contract=contract)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(URL, params)
    assert len(response.context["cl"].result_list) == 50


def test_the_search_vector_is_never_a_public_column():
    """It holds the investigator's name in pieces: open data and public exports leave it out."""
    assert "search_document" not in registry.get(Contract).public_fields
    assert "principal_investigator" not in registry.get(Contract).public_fields
