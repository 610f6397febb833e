"""The achievements app's rules: where an achievement lies (where it is applied), what is
published, and the channels it declares."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry


class AchievementQuerySet(RecordQuerySet):
    pass


class PatentQuerySet(RecordQuerySet):
    pass


registry.register(
    "achievements.Achievement",
    # Where it is applied; an achievement applied nowhere yet lies in no region (HQ keeps it).
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    demo="apps.achievements.demo.ACHIEVEMENTS_STEP",
    export="apps.achievements.api.exports.ACHIEVEMENTS",
    api=("achievements", "apps.achievements.api.views.AchievementViewSet", "achievement"),
    stats="apps.achievements.stats.achievement_stats",
    pages="apps.achievements.pages.PAGES",
    search="apps.achievements.search.ACHIEVEMENTS",
    digest="apps.achievements.digest.ACHIEVEMENTS",
    open_data=dict(
        key="achievements",
        order=70,
        title=pgettext_lazy("open data", "Achievements offered for licensing"),
        description=pgettext_lazy(
            "open data",
            "The university's achievements offered to partners: non-confidential summary, "
            "industry, department, technology readiness level, licensing modes and terms, "
            "patents and the region where applied. Metadata after GB/T 30523-2014's core "
            "elements: title (title_zh, title_en), identifier (code), description (summary_zh, "
            "summary_en), subject (industry, field_zh), creator (department), date (listed_on), "
            "coverage (province, city), rights (modes, terms).",
        ),
    ),
)
registry.register(
    "achievements.Patent",
    # A patent lies where its achievement is applied.
    regions=(RegionPath("achievement__province", "achievement__city"),),
    published=Parent("achievement"),
)
registry.hook("achievements.Achievement", match="apps.achievements.matching.ACHIEVEMENTS")
