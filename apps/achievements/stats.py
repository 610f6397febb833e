"""The achievements app's statistics (``/api/v1/stats/achievements/``): counts by industry,
technology readiness level, department and the region where applied."""

from rest_framework import serializers

from apps.achievements.filters import AchievementFilterSet
from apps.achievements.models import Achievement, Readiness
from apps.core.stats import (
    Stats,
    SummaryFigure,
    choice_dimension,
    count_measure,
    department_dimension,
    regional_dimensions,
)
from apps.requests.choices import Industry


def achievement_stats():
    return Stats(
        "achievements",
        "Achievement",
        order=90,
        queryset=Achievement.objects.all(),
        filterset_class=AchievementFilterSet,
        dimensions={
            **regional_dimensions("listed_on"),
            "industry": choice_dimension("industry", Industry),
            "maturity": choice_dimension("maturity", Readiness),
            "department": department_dimension(),
        },
        measures=[count_measure()],
        description="Achievements offered to partners counted by group.",
        summary_order=90,
        summary=(SummaryFigure("achievements", "count", serializers.IntegerField()),),
    )
