"""The challenges' public pages, on the shared base (apps.core.testing.pages), and what a
visitor must never read on them: the partner, or staff text run as markup."""

import pytest
from django.utils import translation

from apps.challenges.models import Challenge
from apps.challenges.tests.factories import ChallengeFactory
from apps.core.testing import pages
from apps.core.testing.records import fresh
from apps.requests.tests.factories import TechRequestFactory
from apps.search.services import rebuild_index

pytestmark = pytest.mark.django_db


class TestChallengePages(pages.PublicPageTestCases):
    model = Challenge
    factory = ChallengeFactory
    list_url_name = "public:challenge_list"
    detail_url_name = "public:challenge_detail"
    name_field = "title_zh"
    filters = {
        "province": lambda challenge: challenge.province.code,
        "city": lambda challenge: challenge.city.code,
    }


def listed(client, **params):
    fresh()
    return client.get("/challenges/", params).content.decode()


def test_the_list_filters_open_and_closed(client):
    open_one = ChallengeFactory(title_zh="电池壳体轻量化", stage="introduced")
    closed = ChallengeFactory(title_zh="县域产业规划", stage="closed")

    open_page = listed(client, status="open")
    closed_page = listed(client, status="closed")

    assert open_one.title_zh in open_page and closed.title_zh not in open_page
    assert closed.title_zh in closed_page and open_one.title_zh not in closed_page


def test_the_list_filters_by_industry(client):
    energy = ChallengeFactory(title_zh="储能电站调峰", industry="energy")
    farming = ChallengeFactory(title_zh="盐碱地改良", industry="agriculture")

    page = listed(client, industry="energy")

    assert energy.title_zh in page and farming.title_zh not in page


def test_no_page_names_the_partner(client):
    tech_request = TechRequestFactory(
        organization_name="常州隐名显示科技有限公司",
        contact_name="林女士",
        email="lin@hidden-display.example.com",
        phone="0519-88886666",
    )
    challenge = ChallengeFactory(
        request=tech_request,
        province=tech_request.province,
        city=tech_request.city,
        title_zh="柔性面板薄膜封装",
    )
    rebuild_index(["challenge"])
    fresh()

    pages_seen = [
        listed(client),
        client.get(f"/challenges/{challenge.code}/").content.decode(),
        client.get(f"/en/challenges/{challenge.code}/").content.decode(),
        client.get("/search/", {"q": "薄膜封装"}).content.decode(),
    ]
    translation.activate("zh-hans")

    assert f"/challenges/{challenge.code}/" in pages_seen[3]
    for page in pages_seen:
        for secret in ("常州隐名显示", "林女士", "hidden-display", "0519-88886666"):
            assert secret not in page
        assert tech_request.reference not in page
        assert "同意书存档" not in page


def test_search_does_not_find_a_challenge_by_its_partners_name(client):
    tech_request = TechRequestFactory(organization_name="宁夏隐名农业公司")
    ChallengeFactory(request=tech_request, province=tech_request.province, city=tech_request.city)
    rebuild_index(["challenge"])
    fresh()

    page = client.get("/search/", {"q": "宁夏隐名农业公司", "kind": "challenge"}).content.decode()

    assert "/challenges/challenge-" not in page


def test_hostile_staff_text_is_escaped_on_the_page(client):
    challenge = ChallengeFactory(
        title_zh="<b>粗体</b>标题",
        problem_zh='<script>alert("x")</script><img src=x onerror=alert(1)>问题',
    )

    page = client.get(f"/challenges/{challenge.code}/").content.decode()
    listing = listed(client)

    for html in (page, listing):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>粗体</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;粗体&lt;/b&gt;标题" in page


def test_the_record_page_shows_what_a_visitor_needs_in_both_languages(client):
    challenge = ChallengeFactory(budget_range="5m_10m", stage="negotiating")

    zh = client.get(f"/challenges/{challenge.code}/").content.decode()
    en = client.get(f"/en/challenges/{challenge.code}/").content.decode()
    translation.activate("zh-hans")

    assert "2025-06-30" in zh and "2025-06-30" in en
    assert "Negotiating" in en and "CNY 5 – 10 million" in en
    assert challenge.problem_en in en and challenge.problem_zh in zh
