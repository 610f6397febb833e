"""The institutes app's statistics (``/api/v1/stats/institutes/``)."""

from rest_framework import serializers

from apps.core.stats import (
    Stats,
    SummaryFigure,
    choice_dimension,
    count_measure,
    regional_dimensions,
)
from apps.institutes.filters import JointInstituteFilterSet
from apps.institutes.models import InstituteKind, JointInstitute


def institute_stats():
    return Stats(
        "institutes",
        "Institute",
        order=60,
        source="institutes",
        queryset=JointInstitute.objects.all(),
        filterset_class=JointInstituteFilterSet,
        dimensions={
            **regional_dimensions("established_on"),
            "kind": choice_dimension("kind", InstituteKind),
        },
        measures=[count_measure()],
        description="Joint research institutes counted by group.",
        summary_order=60,
        summary=(SummaryFigure("institutes", "count", serializers.IntegerField()),),
    )
