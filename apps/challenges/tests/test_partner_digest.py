"""The challenges' section of a partner's page and their part of the digest."""

import datetime

import pytest
from django.utils import timezone

from apps.challenges import digest, partner
from apps.challenges.tests.factories import ChallengeFactory, ProposalFactory
from apps.core.registry import registry
from apps.partners.tests.factories import OrganizationFactory
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db


class Account:
    def __init__(self, email, organization=None):
        self.email = email
        self.organization = organization


def challenge_for(email, organization_name="示例企业", **fields):
    tech_request = TechRequestFactory(email=email, organization_name=organization_name)
    return ChallengeFactory(
        request=tech_request, province=tech_request.province, city=tech_request.city, **fields
    )


def test_the_hooks_are_declared():
    record_type = registry.get("challenges.Challenge")

    assert record_type.hook("partner") is partner.SECTION
    assert record_type.hook("digest") is digest.SOURCE


def test_a_partner_sees_its_challenges_and_their_proposals_with_stage(django_assert_num_queries):
    mine = challenge_for("me@partner.example.com", stage="introduced", title_zh="我的难题")
    ProposalFactory(challenge=mine, department__name_zh="化学系", readiness=7, duration_months=9)
    challenge_for("other@partner.example.com", title_zh="别人的难题")

    with django_assert_num_queries(2):
        rows = partner.rows(Account("ME@partner.example.com"))

    assert [row.title for row in rows] == ["我的难题", "来自化学系的方案"]
    assert {row.status for row in rows} == {"已引荐"}
    assert rows[0].url == f"/challenges/{mine.code}/"
    assert "TRL 7" in rows[1].detail and "9" in rows[1].detail


def test_the_organisation_sees_challenges_sent_from_another_address():
    organization = OrganizationFactory(name_zh="无锡示例印染有限公司")
    challenge_for("colleague@dyeing.example.com", organization_name="无锡示例印染有限公司")

    rows = partner.rows(Account("boss@dyeing.example.com", organization))

    assert len(rows) == 1


def test_the_partner_rows_take_the_same_queries_for_many(django_assert_num_queries):
    for _ in range(6):
        ProposalFactory(challenge=challenge_for("me@partner.example.com"))

    with django_assert_num_queries(2):
        rows = partner.rows(Account("me@partner.example.com"))

    assert len(rows) == 12


def test_the_digest_lists_open_published_challenges_since(django_assert_num_queries):
    since = timezone.make_aware(datetime.datetime(2025, 3, 1, 8, 0))
    new = ChallengeFactory(published_on=datetime.date(2025, 3, 2), industry="energy")
    ChallengeFactory(published_on=datetime.date(2025, 2, 20))  # before
    ChallengeFactory(published_on=datetime.date(2025, 3, 3), is_public=False)
    ChallengeFactory(published_on=datetime.date(2025, 3, 3), stage="closed")

    with django_assert_num_queries(1):
        items = list(digest.items(since))

    assert [item.url for item in items] == [f"/challenges/{new.code}/"]
    assert items[0].industries == ("energy",)
    assert new.problem_zh in items[0].text
    assert new.request.organization_name not in items[0].text
