"""The projects app's statistics (``/api/v1/stats/projects/``)."""

from rest_framework import serializers

from apps.core.stats import (
    Stats,
    SummaryFigure,
    choice_dimension,
    city_dimension,
    count_measure,
    department_dimension,
    province_dimension,
    year_dimension,
)
from apps.projects.filters import CooperationProjectFilterSet
from apps.projects.models import CooperationProject, ProjectStatus


def project_stats():
    return Stats(
        "projects",
        "Project",
        order=40,
        source="projects",
        queryset=CooperationProject.objects.all(),
        filterset_class=CooperationProjectFilterSet,
        dimensions={
            "province": province_dimension("sites__province"),
            "city": city_dimension("sites__city"),
            "year": year_dimension("started_on"),
            "status": choice_dimension("status", ProjectStatus),
            "department": department_dimension(),
        },
        # By province or city a project applied in several places counts in each.
        measures=[count_measure(distinct=True)],
        description=(
            "Projects counted by group; by province or city a project counts in every "
            "place where it is applied."
        ),
        summary_order=30,
        summary=(SummaryFigure("projects", "count", serializers.IntegerField()),),
    )
