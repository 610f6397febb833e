"""Challenges' and proposals' rules the model and the database enforce."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.challenges.tests.factories import ChallengeFactory, ProposalFactory
from apps.core.testing.models import rejected
from apps.regions.tests.factories import CityFactory
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db


def test_consent_comes_before_publication():
    rejected(
        ChallengeFactory,
        consent_on=datetime.date(2025, 3, 2),
        published_on=datetime.date(2025, 3, 1),
    )
    challenge = ChallengeFactory.build(
        consent_on=datetime.date(2025, 3, 2), published_on=datetime.date(2025, 3, 1)
    )
    with pytest.raises(ValidationError) as refused:
        challenge.clean()
    assert "consent_on" in refused.value.message_dict


def test_a_challenge_without_a_recorded_consent_is_refused():
    rejected(ChallengeFactory, consent_on=None)


def test_the_deadline_is_after_publication():
    rejected(ChallengeFactory, deadline=datetime.date(2025, 2, 1))


def test_a_signed_challenge_names_its_contract():
    rejected(ChallengeFactory, stage="signed")


def test_the_stage_is_one_of_the_six():
    rejected(ChallengeFactory, stage="won")


def test_the_public_text_may_not_name_the_partner():
    tech_request = TechRequestFactory(
        organization_name="无锡某某印染有限公司", contact_name="钱经理"
    )
    challenge = ChallengeFactory.build(
        request=tech_request,
        province=tech_request.province,
        city=tech_request.city,
        problem_zh="无锡某某印染有限公司希望回用废水。",
    )
    with pytest.raises(ValidationError) as refused:
        challenge.clean()
    assert "无锡某某印染有限公司" in refused.value.message_dict["problem_zh"][0]

    challenge.problem_zh = "一家印染企业希望回用废水。"
    challenge.clean()


def test_a_challenge_lies_in_its_requests_province():
    challenge = ChallengeFactory.build(request=TechRequestFactory(), city=CityFactory())
    with pytest.raises(ValidationError) as refused:
        challenge.clean()
    assert "province" in refused.value.message_dict


def test_a_proposal_readiness_is_1_to_9_and_duration_positive():
    rejected(ProposalFactory, readiness=0)
    rejected(ProposalFactory, readiness=10)
    rejected(ProposalFactory, duration_months=0)
    ProposalFactory(readiness=1)
    ProposalFactory(readiness=9)


def test_a_proposal_comes_after_publication():
    challenge = ChallengeFactory()
    proposal = ProposalFactory.build(
        challenge=challenge, received_on=challenge.published_on - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as refused:
        proposal.clean()
    assert "received_on" in refused.value.message_dict


def test_a_stage_change_backwards_is_refused_by_clean():
    challenge = ChallengeFactory(stage="negotiating")
    challenge.stage = "screened"

    with pytest.raises(ValidationError) as refused:
        challenge.full_clean()

    assert "stage" in refused.value.message_dict
    challenge.stage = "closed"
    challenge.full_clean()


def test_matching_reads_the_public_text_only():
    challenge = ChallengeFactory()

    assert challenge.problem_zh in challenge.matching_text
    assert challenge.request.organization_name not in challenge.matching_text
