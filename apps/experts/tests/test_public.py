"""The experts' public pages, on the shared base (apps.core.testing.pages), and what a partner
looks for on them: the filters, the consent rule, the JSON-LD, and never an e-mail address."""

import json
import re

import pytest
from django.utils import translation

from apps.achievements.tests.factories import AchievementFactory
from apps.core.testing import pages
from apps.core.testing.records import fresh
from apps.experts.models import Expert
from apps.experts.tests.factories import ExpertFactory
from apps.search.services import rebuild_index

pytestmark = pytest.mark.django_db


class TestExpertPages(pages.PublicPageTestCases):
    model = Expert
    factory = ExpertFactory
    list_url_name = "public:expert_list"
    detail_url_name = "public:expert_detail"
    name_field = "name_zh"
    lookup = "code"

    filters = {
        "province": lambda expert: expert.province.code,
        "city": lambda expert: expert.city.code,
        "department": lambda expert: expert.department.code,
    }


def listed(client, **params):
    fresh()
    return client.get("/experts/", params).content.decode()


def test_an_expert_without_recorded_consent_is_on_no_public_page(client):
    expert = ExpertFactory(name_zh="未同意专家", consent_given=False, consent_on=None)

    assert "未同意专家" not in listed(client)
    assert client.get(f"/experts/{expert.code}/").status_code == 404
    assert client.post(f"/experts/{expert.code}/contact/", {}).status_code == 404


@pytest.mark.parametrize(
    ("param", "value", "wanted", "other"),
    [
        ("industry", "construction", {"industry": "construction"}, {"industry": "energy"}),
        ("language", "ja", {"speaks_ja": True}, {"speaks_ja": False}),
    ],
)
def test_the_list_filters_by_industry_and_language(client, param, value, wanted, other):
    kept = ExpertFactory(name_zh="林若溪", **wanted)
    dropped = ExpertFactory(name_zh="郑海涛", **other)

    page = listed(client, **{param: value})

    assert kept.name_zh in page
    assert dropped.name_zh not in page


def test_the_list_offers_department_industry_and_language_filters(client):
    ExpertFactory()

    page = listed(client)

    for name in ("department", "industry", "language"):
        assert f'<select id="filter-{name}" name="{name}">' in page


def test_no_email_address_on_the_list_or_the_page(client):
    expert = ExpertFactory(email="never.shown@mails.example.edu.cn")

    pages_seen = [
        listed(client),
        client.get(f"/experts/{expert.code}/").content.decode(),
        client.get(f"/en/experts/{expert.code}/").content.decode(),
    ]
    translation.activate("zh-hans")

    for page in pages_seen:
        assert "never.shown" not in page
        assert "mailto:" not in page


def test_the_record_page_shows_the_profile_and_person_json_ld(client):
    expert = ExpertFactory(
        name_zh="宋大伟",
        name_en="Song Dawei",
        fields_zh="光伏材料、钙钛矿电池",
        orcid="0000-0002-1825-0097",
        speaks_en=True,
    )
    achievement = AchievementFactory(title_zh="钙钛矿薄膜太阳能电池", department=expert.department)
    hidden = AchievementFactory(title_zh="未公开成果", is_public=False)
    expert.achievements.set([achievement, hidden])

    page = client.get(f"/experts/{expert.code}/").content.decode()

    assert "光伏材料、钙钛矿电池" in page
    assert "钙钛矿薄膜太阳能电池" in page
    assert "未公开成果" not in page
    assert 'href="https://orcid.org/0000-0002-1825-0097"' in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(script.group(1))
    assert data["@type"] == "Person"
    assert data["name"] == "宋大伟"
    assert data["alternateName"] == "Song Dawei"
    assert data["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert data["knowsLanguage"] == ["zh", "en"]
    assert [work["name"] for work in data["subjectOf"]] == ["钙钛矿薄膜太阳能电池"]
    assert "email" not in data
    assert expert.email not in script.group(1)


def test_hostile_text_cannot_leave_the_json_ld(client):
    expert = ExpertFactory(profile_zh="</script><script>alert(1)</script>")

    page = client.get(f"/experts/{expert.code}/").content.decode()

    assert "<script>alert(1)" not in page
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(script.group(1))["description"] == expert.profile_zh


def test_illustrative_experts_say_so_in_both_languages(client):
    expert = ExpertFactory(is_illustrative=True)

    zh = client.get(f"/experts/{expert.code}/").content.decode()
    en = client.get(f"/en/experts/{expert.code}/").content.decode()
    translation.activate("zh-hans")

    assert "示例" in zh
    assert "Illustrative" in en


def test_search_finds_a_consenting_expert_by_field_never_by_email(client):
    shown = ExpertFactory(fields_zh="海绵城市、城市水系统", email="sponge@mails.example.edu.cn")
    hidden = ExpertFactory(fields_zh="海绵城市规划", consent_given=False, consent_on=None)
    rebuild_index(["expert"])
    fresh()

    by_field = client.get("/search/", {"q": "海绵城市"}).content.decode()
    by_email = client.get("/search/", {"q": "sponge@mails.example.edu.cn"}).content.decode()
    en = client.get("/en/search/", {"q": "海绵城市", "kind": "expert"}).content.decode()
    translation.activate("zh-hans")

    assert f"/experts/{shown.code}/" in by_field
    assert f"/experts/{hidden.code}/" not in by_field
    assert f"/experts/{shown.code}/" not in by_email
    assert "Expert" in en


def test_the_list_costs_the_same_queries_for_one_expert_and_many(
    client, django_assert_max_num_queries
):
    ExpertFactory()
    fresh()
    with django_assert_max_num_queries(30) as one:
        client.get("/experts/")
    for _ in range(8):
        ExpertFactory()
    fresh()
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/experts/")
