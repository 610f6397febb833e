"""Achievements through the API, on the shared bases (apps.core.testing.api)."""

import pytest

from apps.achievements.models import Achievement
from apps.achievements.tests.factories import AchievementFactory, PatentFactory
from apps.core.testing import api
from apps.core.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


class TestAchievementAPI(api.APIViewTestCases):
    model = Achievement
    factory = AchievementFactory
    basename = "achievement"
    update_data = {"title_zh": "科技成果（更名）", "maturity": 8}

    def create_data(self, city):
        return {
            "code": f"api-achievement-{city.code}",
            "title_zh": "高效储能材料",
            "summary_zh": "一种储能材料。",
            "industry": "energy",
            "department": DepartmentFactory().code,
            "maturity": 5,
            "offers_licence": True,
            "offers_equity": True,
            "province": city.province.code,
            "city": city.code,
            "listed_on": "2024-06-01",
        }


def test_the_list_filters_by_mode_and_maturity(client):
    licence = AchievementFactory(offers_licence=True, maturity=4)
    equity = AchievementFactory(offers_licence=False, offers_equity=True, maturity=9)

    by_mode = client.get("/api/v1/achievements/", {"mode": "equity"}).json()
    by_maturity = client.get("/api/v1/achievements/", {"maturity": "4"}).json()

    assert [row["code"] for row in by_mode["results"]] == [equity.code]
    assert [row["code"] for row in by_maturity["results"]] == [licence.code]


def test_a_record_shows_its_patents(client):
    patent = PatentFactory()

    data = client.get(f"/api/v1/achievements/{patent.achievement.pk}/").json()

    assert [p["number"] for p in data["patents"]] == [patent.number]


def test_a_readiness_level_outside_1_to_9_is_refused(admin_client):
    achievement = AchievementFactory()

    response = admin_client.patch(
        f"/api/v1/achievements/{achievement.pk}/",
        {"maturity": 10},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "maturity" in response.json()


def test_stats_count_by_industry_and_maturity(client):
    AchievementFactory(industry="energy", maturity=4)
    AchievementFactory(industry="energy", maturity=9)
    AchievementFactory(industry="agriculture", maturity=9)
    AchievementFactory(industry="agriculture", maturity=9, is_public=False)

    by_industry = client.get("/api/v1/stats/achievements/", {"group_by": "industry"}).json()
    by_maturity = client.get("/api/v1/stats/achievements/", {"group_by": "maturity"}).json()

    assert {row["key"]: row["count"] for row in by_industry} == {"energy": 2, "agriculture": 1}
    assert {row["key"]: row["count"] for row in by_maturity} == {"4": 1, "9": 2}
