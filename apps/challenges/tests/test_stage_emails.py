"""Each stage change e-mails the partner once, in the partner's language, after commit."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from apps.agreements.tests.factories import ContractFactory
from apps.challenges import services
from apps.challenges.models import StageNotification
from apps.challenges.tests.factories import ChallengeFactory
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(username="challenge-staff", password=None)


@pytest.fixture
def queued(monkeypatch):
    """What would be handed to the broker once the transaction commits."""
    handed = []
    monkeypatch.setattr(services, "enqueue_stage_email", handed.append)
    return handed


def challenge_of(language, **fields):
    tech_request = TechRequestFactory(
        language=language, email="partner@example.com", contact_name="周工"
    )
    return ChallengeFactory(
        request=tech_request, province=tech_request.province, city=tech_request.city, **fields
    )


def test_one_email_per_stage_change_sent_on_commit(
    staff, queued, django_capture_on_commit_callbacks
):
    challenge = challenge_of("zh-hans")
    contract = ContractFactory(province=challenge.province, city=challenge.city)

    with django_capture_on_commit_callbacks(execute=True):
        for stage in ("screened", "introduced", "negotiating"):
            services.challenge_move(user=staff, challenge=challenge, to_stage=stage)
        challenge.contract = contract
        services.challenge_move(user=staff, challenge=challenge, to_stage="signed")
        services.challenge_save(user=staff, instance=challenge)  # no change: no e-mail
        services.challenge_move(user=staff, challenge=challenge, to_stage="closed")

    assert len(queued) == 5
    assert mail.outbox == []  # handed to the worker, not sent inside the request
    assert services.stage_emails_send_pending() == 5
    assert services.stage_emails_send_pending() == 0
    assert len(mail.outbox) == 5
    assert all(message.to == ["partner@example.com"] for message in mail.outbox)
    assert [m.subject for m in mail.outbox] == [
        f"您的企业出题“{challenge.title_zh}”已进入：{stage}"
        for stage in ("已筛选", "已引荐", "洽谈中", "已签约", "已结束")
    ]
    assert "周工" in mail.outbox[0].body and "已筛选" in mail.outbox[0].body


def test_nothing_is_queued_when_the_change_rolls_back(
    staff, queued, django_capture_on_commit_callbacks
):
    challenge = challenge_of("zh-hans", stage="negotiating")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.challenge_move(user=staff, challenge=challenge, to_stage="signed")

    assert queued == []
    assert not StageNotification.objects.exists()


def test_the_partner_reads_english_when_they_wrote_in_english(staff, queued):
    challenge = challenge_of("en", title_en="Lighter battery housings")

    services.challenge_move(user=staff, challenge=challenge, to_stage="screened")
    services.stage_emails_send_pending()

    (message,) = mail.outbox
    assert message.subject == "Your challenge “Lighter battery housings” is now: Screened"
    assert "Dear 周工" in message.body
    assert f"/en/challenges/{challenge.code}/" in message.body


def test_a_stage_never_goes_back(staff, queued):
    challenge = challenge_of("zh-hans", stage="introduced")

    with pytest.raises(ValidationError) as refused:
        services.challenge_move(user=staff, challenge=challenge, to_stage="received")

    assert "stage" in refused.value.message_dict
    assert queued == []
