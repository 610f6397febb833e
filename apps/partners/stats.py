"""The partners app's statistics (``/api/v1/stats/organizations/``)."""

from rest_framework import serializers

from apps.core.stats import (
    Stats,
    SummaryFigure,
    choice_dimension,
    city_dimension,
    count_measure,
    province_dimension,
)
from apps.partners.filters import OrganizationFilterSet
from apps.partners.models import Organization, OrganizationKind, Ownership


def organization_stats():
    return Stats(
        "organizations",
        "Organization",
        order=80,
        queryset=Organization.objects.all(),
        filterset_class=OrganizationFilterSet,
        dimensions={
            "province": province_dimension(),
            "city": city_dimension(),
            "kind": choice_dimension("kind", OrganizationKind),
            "ownership": choice_dimension("ownership", Ownership),
        },
        measures=[count_measure()],
        description="Partner organizations counted by group.",
        summary_order=80,
        summary=(SummaryFigure("organizations", "count", serializers.IntegerField()),),
    )
