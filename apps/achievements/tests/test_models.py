"""Achievements' and patents' rules the model and the database enforce."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.achievements.tests.factories import AchievementFactory, PatentFactory
from apps.core.testing.models import rejected

pytestmark = pytest.mark.django_db


def test_the_readiness_level_is_1_to_9():
    rejected(AchievementFactory, maturity=0)
    rejected(AchievementFactory, maturity=10)
    AchievementFactory(maturity=1)
    AchievementFactory(maturity=9)


def test_an_achievement_offers_at_least_one_mode():
    rejected(AchievementFactory, offers_licence=False)
    with pytest.raises(ValidationError) as refused:
        AchievementFactory.build(offers_licence=False).clean()
    assert "offers_licence" in refused.value.message_dict


def test_terms_are_negotiable_or_stated():
    achievement = AchievementFactory.build(terms_negotiable=False)
    with pytest.raises(ValidationError) as refused:
        achievement.clean()
    assert "terms_zh" in refused.value.message_dict

    achievement.terms_zh = "普通许可，入门费10万元。"
    achievement.clean()


def test_the_city_lies_in_the_province():
    other = AchievementFactory()
    achievement = AchievementFactory.build(city=AchievementFactory().city, province=other.province)
    with pytest.raises(ValidationError) as refused:
        achievement.clean()
    assert "city" in refused.value.message_dict


def test_a_patent_number_is_unique_within_its_achievement_and_granted_after_filing():
    patent = PatentFactory(number="CN202010000001.X")
    rejected(PatentFactory, achievement=patent.achievement, number="CN202010000001.X")
    PatentFactory(number="CN202010000001.X")
    rejected(
        PatentFactory,
        filed_on=datetime.date(2021, 1, 1),
        granted_on=datetime.date(2020, 1, 1),
    )


def test_a_granted_patent_has_its_grant_date():
    patent = PatentFactory.build(status="granted", granted_on=None)
    with pytest.raises(ValidationError) as refused:
        patent.clean()
    assert "granted_on" in refused.value.message_dict
