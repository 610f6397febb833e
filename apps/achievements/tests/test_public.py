"""The achievements' public pages, on the shared base (apps.core.testing.pages), and what a
partner looks for on them: the filters, the terms, the patents and the JSON-LD."""

import json
import re

import pytest
from django.utils import translation

from apps.achievements.models import Achievement
from apps.achievements.tests.factories import AchievementFactory, PatentFactory
from apps.core.testing import pages
from apps.core.testing.records import fresh
from apps.core.tests.factories import DepartmentFactory
from apps.search.services import rebuild_index

pytestmark = pytest.mark.django_db


class TestAchievementPages(pages.PublicPageTestCases):
    model = Achievement
    factory = AchievementFactory
    list_url_name = "public:achievement_list"
    detail_url_name = "public:achievement_detail"
    name_field = "title_zh"
    filters = {
        "province": lambda achievement: achievement.province.code,
        "city": lambda achievement: achievement.city.code,
        "department": lambda achievement: achievement.department.code,
    }


def listed(client, **params):
    fresh()
    return client.get("/achievements/", params).content.decode()


@pytest.mark.parametrize(
    ("param", "value", "wanted", "other"),
    [
        ("industry", "agriculture", {"industry": "agriculture"}, {"industry": "energy"}),
        ("maturity", "9", {"maturity": 9}, {"maturity": 4}),
        (
            "mode",
            "equity",
            {"offers_equity": True},
            {"offers_equity": False, "offers_licence": True},
        ),
    ],
)
def test_the_list_filters_by_industry_maturity_and_mode(client, param, value, wanted, other):
    kept = AchievementFactory(title_zh="盐碱地改良技术", **wanted)
    dropped = AchievementFactory(title_zh="储能材料技术", **other)

    page = listed(client, **{param: value})

    assert kept.title_zh in page
    assert dropped.title_zh not in page


def test_the_department_filter_is_offered(client):
    department = DepartmentFactory(name_zh="热能工程系")
    AchievementFactory(department=department)

    assert '<select id="filter-department" name="department">' in listed(client)


def test_the_record_page_shows_terms_patents_and_json_ld(client):
    achievement = AchievementFactory(
        title_zh="重型锻压装备技术",
        terms_negotiable=False,
        terms_zh="独占许可，面向重型装备企业。",
        offers_transfer=True,
    )
    patent = PatentFactory(achievement=achievement, number="CN201510000001.X")

    page = client.get(f"/achievements/{achievement.code}/").content.decode()

    assert "独占许可，面向重型装备企业。" in page
    assert patent.number in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(script.group(1))
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "重型锻压装备技术"
    assert data["identifier"] == achievement.code
    assert {offer["category"] for offer in data["offers"]} == {"transfer", "licence"}
    assert data["hasPart"][0]["identifier"] == patent.number


def test_negotiable_terms_say_so_in_both_languages(client):
    achievement = AchievementFactory(terms_negotiable=True)

    zh = client.get(f"/achievements/{achievement.code}/").content.decode()
    en = client.get(f"/en/achievements/{achievement.code}/").content.decode()

    assert "面议" in zh
    assert "Negotiable" in en
    translation.activate("zh-hans")


def test_hostile_text_cannot_leave_the_json_ld(client):
    achievement = AchievementFactory(summary_zh="</script><script>alert(1)</script>")

    page = client.get(f"/achievements/{achievement.code}/").content.decode()

    assert "<script>alert(1)" not in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(script.group(1))["description"] == achievement.summary_zh


def test_search_finds_a_published_achievement_by_its_words(client):
    shown = AchievementFactory(title_zh="熔盐储能系统", summary_zh="大规模储能，用于电网调峰。")
    hidden = AchievementFactory(title_zh="固态储能电池", is_public=False)
    rebuild_index(["achievement"])
    fresh()

    zh = client.get("/search/", {"q": "储能"}).content.decode()
    en = client.get("/en/search/", {"q": "储能", "kind": "achievement"}).content.decode()

    assert f"/achievements/{shown.code}/" in zh
    assert f"/achievements/{hidden.code}/" not in zh
    assert "Achievement" in en
    translation.activate("zh-hans")
