"""Experts through the API, on the shared bases (apps.core.testing.api): office staff keep the
experts based in their region; anonymous users never see an expert without recorded consent, nor any e-mail address,
nor a linked record that is not published."""

import pytest
from rest_framework.test import APIClient

from apps.achievements.tests.factories import AchievementFactory
from apps.core.testing import api
from apps.core.tests.factories import DepartmentFactory
from apps.experts.models import Expert
from apps.experts.tests.factories import ExpertFactory
from apps.projects.tests.factories import CooperationProjectFactory

pytestmark = pytest.mark.django_db


class TestExpertAPI(api.APIViewTestCases):
    model = Expert
    factory = ExpertFactory
    basename = "expert"
    private_values = {"email": "wang.private@mails.example.edu.cn"}
    update_data = {"fields_zh": "固态电池、电解质", "title": "associate_professor"}

    def create_data(self, city):
        return {
            "code": f"api-expert-{city.code}",
            "name_zh": "王磊",
            "name_en": "Wang Lei",
            "department": DepartmentFactory().code,
            "title": "professor",
            "fields_zh": "电力系统",
            "industry": "energy",
            "speaks_zh": True,
            "speaks_en": True,
            "orcid": "0000-0002-1825-0097",
            "email": "wang.lei@mails.example.edu.cn",
            "consent_given": True,
            "consent_on": "2025-05-01",
            "province": city.province.code,
            "city": city.code,
        }


@pytest.fixture
def anonymous():
    return APIClient()


def test_anonymous_never_sees_an_expert_without_consent(anonymous):
    consenting = ExpertFactory()
    unconsented = ExpertFactory(consent_given=False, consent_on=None)

    rows = anonymous.get("/api/v1/experts/", {"page_size": 100}).json()["results"]
    csv = b"".join(anonymous.get("/api/v1/experts/", {"format": "csv"}).streaming_content)

    assert [row["code"] for row in rows] == [consenting.code]
    assert anonymous.get(f"/api/v1/experts/{unconsented.pk}/").status_code == 404
    assert unconsented.code.encode() not in csv
    assert consenting.code.encode() in csv


def test_no_email_address_in_any_anonymous_answer(anonymous):
    expert = ExpertFactory(email="hidden.address@mails.example.edu.cn")

    answers = [
        anonymous.get("/api/v1/experts/").content,
        anonymous.get(f"/api/v1/experts/{expert.pk}/").content,
        b"".join(anonymous.get("/api/v1/experts/", {"format": "csv"}).streaming_content),
    ]

    for answer in answers:
        assert b"hidden.address" not in answer
        assert b"@" not in answer


def test_staff_see_the_address(admin_client):
    expert = ExpertFactory(email="staff.only@mails.example.edu.cn")

    data = admin_client.get(f"/api/v1/experts/{expert.pk}/").json()

    assert data["email"] == "staff.only@mails.example.edu.cn"


def test_the_public_sees_only_published_links(anonymous):
    expert = ExpertFactory()
    shown = AchievementFactory(department=expert.department)
    hidden = AchievementFactory(department=expert.department, is_public=False)
    project = CooperationProjectFactory(department=expert.department)
    expert.achievements.set([shown, hidden])
    expert.projects.set([project])

    data = anonymous.get(f"/api/v1/experts/{expert.pk}/").json()

    assert data["achievements"] == [shown.code]
    assert data["projects"] == [project.code]


def test_the_list_filters_by_department_industry_and_language(anonymous):
    english = ExpertFactory(speaks_en=True, industry="energy")
    chinese_only = ExpertFactory(industry="construction")

    def codes(**params):
        rows = anonymous.get("/api/v1/experts/", params).json()["results"]
        return [row["code"] for row in rows]

    assert codes(language="en") == [english.code]
    assert codes(industry="construction") == [chinese_only.code]
    assert codes(department=english.department.code) == [english.code]


def test_a_wrong_orcid_check_character_is_refused(admin_client):
    expert = ExpertFactory()

    response = admin_client.patch(
        f"/api/v1/experts/{expert.pk}/",
        {"orcid": "0000-0002-1825-0098"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "orcid" in response.json()


def test_the_list_costs_the_same_queries_for_one_expert_and_many(
    anonymous, django_assert_max_num_queries
):
    def one_expert_with_links():
        expert = ExpertFactory()
        expert.achievements.set([AchievementFactory(department=expert.department)])
        expert.projects.set([CooperationProjectFactory(department=expert.department)])

    one_expert_with_links()
    with django_assert_max_num_queries(12) as one:
        anonymous.get("/api/v1/experts/")
    for _ in range(6):
        one_expert_with_links()
    with django_assert_max_num_queries(len(one.captured_queries)):
        anonymous.get("/api/v1/experts/")
