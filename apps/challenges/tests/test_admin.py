"""Staff change a challenge's stage in the admin: forward is saved and told to the partner,
backward is refused on the form, in the staff member's language."""

import pytest

from apps.challenges.models import StageNotification
from apps.challenges.tests.factories import ChallengeFactory

pytestmark = pytest.mark.django_db


def form_data(challenge, **changes):
    data = {
        "code": challenge.code,
        "request": challenge.request_id,
        "published_on": challenge.published_on.isoformat(),
        "deadline": challenge.deadline.isoformat(),
        "title_zh": challenge.title_zh,
        "title_en": challenge.title_en,
        "problem_zh": challenge.problem_zh,
        "problem_en": challenge.problem_en,
        "industry": challenge.industry,
        "province": challenge.province_id,
        "city": challenge.city_id,
        "budget_range": challenge.budget_range,
        "consent_on": challenge.consent_on.isoformat(),
        "consent_method": challenge.consent_method,
        "consent_note": challenge.consent_note,
        "stage": challenge.stage,
        "office": "",
        "contract": "",
        "is_public": "on",
        "proposals-TOTAL_FORMS": "0",
        "proposals-INITIAL_FORMS": "0",
        "proposals-MIN_NUM_FORMS": "0",
        "proposals-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_a_forward_stage_change_in_the_admin_is_saved_and_told(admin_client):
    challenge = ChallengeFactory()
    url = f"/admin/challenges/challenge/{challenge.pk}/change/"

    response = admin_client.post(url, form_data(challenge, stage="screened"))

    assert response.status_code == 302, response.content.decode()[:2000]
    challenge.refresh_from_db()
    assert challenge.stage == "screened"
    assert list(StageNotification.objects.values_list("to_stage", flat=True)) == ["screened"]


def test_a_backward_stage_change_is_refused_on_the_form(admin_client):
    challenge = ChallengeFactory(stage="negotiating")
    url = f"/admin/challenges/challenge/{challenge.pk}/change/"

    response = admin_client.post(url, form_data(challenge, stage="received", title_zh="改过的标题"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "出题不能从“洽谈中”退回到“已受理”。" in page
    assert "改过的标题" in page  # what was typed is kept
    challenge.refresh_from_db()
    assert challenge.stage == "negotiating"
    assert not StageNotification.objects.exists()
