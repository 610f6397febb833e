"""The partners app's statistics (``/api/v1/stats/organizations/``)."""

from apps.core.stats import (
    Stats,
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
    )
