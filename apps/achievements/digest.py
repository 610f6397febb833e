"""Achievements in the subscribers' weekly digest (``digest=``, apps.core.digest)."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from apps.achievements.models import Achievement
from apps.core.digest import DigestItem, DigestSource


def new_achievements(since):
    """Published achievements listed on the portal since ``since`` (one query)."""
    achievements = (
        Achievement.objects.published().filter(created_at__gte=since).order_by("-listed_on", "code")
    )
    return [
        DigestItem(
            title=achievement.title,
            url=reverse("public:achievement_detail", kwargs={"code": achievement.code}),
            on=achievement.listed_on,
            summary=Truncator(achievement.summary).chars(200),
            text=" ".join(
                (
                    achievement.title_zh,
                    achievement.title_en,
                    achievement.summary_zh,
                    achievement.summary_en,
                    achievement.field_zh,
                    achievement.field_en,
                )
            ),
            industries=(achievement.industry,),
            province_id=achievement.province_id,
            city_id=achievement.city_id,
        )
        for achievement in achievements
    ]


ACHIEVEMENTS = DigestSource(
    key="achievements", title=_("New achievements"), order=10, items=new_achievements
)
