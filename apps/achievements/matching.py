"""What an achievement offers to matching: its titles, summaries, technical field, experts and
patents' field, its industry, the place where applied and its department."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from apps.achievements.models import Achievement
from apps.core.matching import MatchCandidate, MatchSource


def _url(achievement):
    try:
        return reverse("public:achievement_detail", args=[achievement.code])
    except NoReverseMatch:
        return ""


def achievement_candidates(ids=None):
    achievements = Achievement.objects.select_related("department").order_by("pk")
    if ids is not None:
        achievements = achievements.filter(pk__in=list(ids))
    for achievement in achievements.iterator(chunk_size=1000):
        yield MatchCandidate(
            object_id=achievement.pk,
            code=achievement.code,
            name_zh=achievement.title_zh,
            name_en=achievement.title_en,
            text="\n".join(
                [
                    achievement.field_zh,
                    achievement.field_en,
                    achievement.summary_zh,
                    achievement.summary_en,
                ]
            ),
            industries=(achievement.industry,),
            province_id=achievement.province_id,
            city_id=achievement.city_id,
            department_code=achievement.department.code,
            url=_url(achievement),
        )


ACHIEVEMENTS = MatchSource(
    key="achievements",
    label=_("achievements"),
    order=20,
    candidates=achievement_candidates,
)
