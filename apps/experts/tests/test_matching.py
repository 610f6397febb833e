"""What experts offer to matching: each consenting expert as a candidate, with the words
matching reads and never an e-mail address."""

import pytest

from apps.achievements.tests.factories import AchievementFactory
from apps.core.matching import MatchCandidate, MatchSource
from apps.core.registry import registry
from apps.core.tests.factories import DepartmentFactory
from apps.experts.matching import SOURCE, expert_candidates
from apps.experts.tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def test_experts_declare_their_match_source():
    source = registry.get("experts.Expert").hook("match")

    assert isinstance(source, MatchSource)
    assert source is SOURCE
    assert source.key == "experts"
    assert source.public_only


def test_a_candidate_carries_name_title_fields_department_and_achievements():
    thermal = DepartmentFactory(code="thermal", name_zh="热能工程系", name_en="Thermal Engineering")
    expert = ExpertFactory(
        name_zh="孙明德",
        name_en="Sun Mingde",
        department=thermal,
        title="researcher",
        fields_zh="燃烧与污染控制",
        fields_en="Combustion and pollution control",
        industry="energy",
        email="sun.private@mails.example.edu.cn",
    )
    burner = AchievementFactory(
        title_zh="低氮燃烧器", title_en="Low-NOx burner", industry="environment"
    )
    hidden = AchievementFactory(title_zh="未公开的燃烧技术", is_public=False)
    expert.achievements.set([burner, hidden])

    (candidate,) = expert_candidates()

    assert isinstance(candidate, MatchCandidate)
    assert (candidate.object_id, candidate.code) == (expert.pk, expert.code)
    assert (candidate.name_zh, candidate.name_en) == ("孙明德", "Sun Mingde")
    for word in (
        "孙明德",
        "研究员",
        "燃烧与污染控制",
        "热能工程系",
        "Thermal Engineering",
        "低氮燃烧器",
    ):
        assert word in candidate.text
    assert "未公开的燃烧技术" not in candidate.text
    assert "sun.private" not in repr(candidate)
    assert candidate.industries == ("energy", "environment")
    assert candidate.department_code == "thermal"
    assert candidate.url == f"/experts/{expert.code}/"
    assert (candidate.province_id, candidate.city_id) == (None, None)


def test_only_consenting_published_experts_are_candidates_and_ids_narrow_them():
    first = ExpertFactory()
    second = ExpertFactory()
    ExpertFactory(consent_given=False, consent_on=None)
    ExpertFactory(is_public=False)

    assert [c.object_id for c in expert_candidates()] == [first.pk, second.pk]
    assert [c.object_id for c in expert_candidates(ids=[second.pk])] == [second.pk]


def test_the_candidates_cost_the_same_queries_for_one_expert_and_many(
    django_assert_max_num_queries,
):
    ExpertFactory().achievements.set([AchievementFactory()])
    with django_assert_max_num_queries(5) as one:
        list(expert_candidates())
    for _ in range(5):
        ExpertFactory().achievements.set([AchievementFactory()])
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(list(expert_candidates())) == 6
