import pytest

from apps.achievements.tests.factories import AchievementFactory
from apps.core.tests.factories import DepartmentFactory
from apps.matching.index import rebuild
from apps.matching.suggestions import matching_suggestions
from apps.regions.tests.factories import CityFactory
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def storage():
    """A request from one city, a department, and two storage achievements applied in another
    province: one published, one not."""
    here, elsewhere = CityFactory(), CityFactory()
    thermal = DepartmentFactory(code="thermal", name_zh="热能工程系", keywords_zh="储能、储热")
    AchievementFactory(
        title_zh="公开的储能技术", summary_zh="储能、储热", department=thermal, city=elsewhere
    )
    AchievementFactory(
        title_zh="保密的储热技术",
        summary_zh="储能、储热",
        department=thermal,
        city=elsewhere,
        is_public=False,
    )
    rebuild()
    request = TechRequestFactory(
        title="储能电站", description="需要储热技术", province=here.province, city=here
    )
    return request, thermal


def names(groups):
    return {group.key: [row.name for row in group.rows] for group in groups}


def reasons(groups):
    return " ".join(row.why for group in groups for row in group.rows)


def test_headquarters_see_unpublished_achievements_marked(storage, staff_user):
    request, thermal = storage

    groups = matching_suggestions(request, user=staff_user)

    achievements = next(group for group in groups if group.key == "achievements")
    shown = {row.name: row for row in achievements.rows}
    assert shown["保密的储热技术"].is_public is False
    assert shown["公开的储能技术"].is_public is True
    assert shown["保密的储热技术"].accept == f"department:{thermal.pk}"


def test_office_staff_never_see_another_regions_unpublished_achievement(storage, office_staff):
    request, _thermal = storage
    user = office_staff(province=request.province)

    groups = matching_suggestions(request, user=user)

    assert names(groups)["achievements"] == ["公开的储能技术"]
    assert "保密的储热技术" not in reasons(groups)
    assert names(groups)["departments"] == ["热能工程系"]


def test_without_a_user_only_published_candidates_are_offered(storage):
    request, _thermal = storage

    groups = matching_suggestions(request)

    assert names(groups)["achievements"] == ["公开的储能技术"]
    assert "保密的储热技术" not in reasons(groups)
