"""Challenges and proposals through the API, on the shared bases (apps.core.testing.api), and
what an anonymous reader must never get: the partner behind a challenge."""

import pytest
from rest_framework.test import APIClient

from apps.challenges.models import Challenge
from apps.challenges.tests.factories import ChallengeFactory, ProposalFactory
from apps.core.testing import api
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db


class TestChallengeAPI(api.APIViewTestCases):
    model = Challenge
    factory = ChallengeFactory
    basename = "challenge"
    update_data = {"title_zh": "企业技术难题（修订）", "budget_range": "5m_10m"}
    private_values = {"consent_note": "同意书存档 SECRET-2025-042"}

    def create_data(self, city):
        tech_request = TechRequestFactory(province=city.province, city=city)
        return {
            "code": f"api-challenge-{city.code}",
            "request": tech_request.pk,
            "title_zh": "高盐废水零排放",
            "problem_zh": "一家化工企业希望实现高盐废水零排放。",
            "industry": "environment",
            "province": city.province.code,
            "city": city.code,
            "budget_range": "1m_5m",
            "published_on": "2025-04-01",
            "deadline": "2025-07-01",
            "consent_on": "2025-03-25",
            "consent_method": "email",
        }


def test_anonymous_gets_published_challenges_and_nothing_of_the_partner():
    tech_request = TechRequestFactory(
        organization_name="苏州隐名精密机械有限公司",
        contact_name="欧阳工",
        email="ouyang@secret-partner.example.com",
        phone="0512-66668888",
    )
    shown = ChallengeFactory(
        request=tech_request, province=tech_request.province, city=tech_request.city
    )
    hidden = ChallengeFactory(is_public=False)
    anonymous = APIClient()

    listed = anonymous.get("/api/v1/challenges/").content.decode()
    detail = anonymous.get(f"/api/v1/challenges/{shown.pk}/").content.decode()
    download = b"".join(
        anonymous.get("/api/v1/challenges/", {"format": "csv"}, follow=True).streaming_content
    ).decode("utf-8-sig")

    assert shown.code in listed and hidden.code not in listed
    assert anonymous.get(f"/api/v1/challenges/{hidden.pk}/").status_code == 404
    for text in (listed, detail, download):
        for secret in ("苏州隐名精密机械", "欧阳工", "secret-partner", "0512-66668888", "SECRET"):
            assert secret not in text
        assert tech_request.reference not in text
    assert '"request"' not in listed and '"consent_on"' not in detail


def test_proposals_have_no_public_route():
    ProposalFactory()

    assert APIClient().get("/api/v1/challenge-proposals/").status_code == 404


def test_the_list_filters_open_and_closed_and_by_industry(client):
    open_one = ChallengeFactory(stage="negotiating", industry="energy")
    closed = ChallengeFactory(stage="closed", industry="energy")

    open_codes = [
        r["code"] for r in client.get("/api/v1/challenges/", {"status": "open"}).json()["results"]
    ]
    closed_codes = [
        r["code"] for r in client.get("/api/v1/challenges/", {"status": "closed"}).json()["results"]
    ]
    energy = client.get("/api/v1/challenges/", {"industry": "energy"}).json()["results"]

    assert open_codes == [open_one.code]
    assert closed_codes == [closed.code]
    assert {r["code"] for r in energy} == {open_one.code, closed.code}


def test_a_stage_change_through_the_api_is_told_to_the_partner(admin_client):
    challenge = ChallengeFactory()

    response = admin_client.patch(
        f"/api/v1/challenges/{challenge.pk}/",
        {"stage": "screened"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert [n.to_stage for n in challenge.notifications.all()] == ["screened"]


def test_a_stage_cannot_go_back(admin_client):
    challenge = ChallengeFactory(stage="negotiating")

    response = admin_client.patch(
        f"/api/v1/challenges/{challenge.pk}/",
        {"stage": "screened"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "stage" in response.json()


def test_office_staff_naming_another_regions_request_learn_nothing_of_it(
    office_staff, record_places
):
    home, far = record_places[0], record_places[1]
    hidden = TechRequestFactory(province=far.province, city=far, organization_name="远方隐名公司")
    client = APIClient()
    client.force_authenticate(office_staff(city=home))

    response = client.post(
        "/api/v1/challenges/",
        {
            "code": "probe",
            "request": hidden.pk,
            "title_zh": "远方隐名公司的难题",
            "problem_zh": "远方隐名公司希望解决一个问题。",
            "industry": "energy",
            "province": home.province.code,
            "city": home.code,
            "budget_range": "1m_5m",
            "published_on": "2025-04-01",
            "deadline": "2025-07-01",
            "consent_on": "2025-03-25",
            "consent_method": "email",
        },
        format="json",
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "request" in response.json()
    assert "远方隐名公司”" not in text and "province of its request" not in text
    assert not Challenge.objects.filter(code="probe").exists()
