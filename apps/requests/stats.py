"""The requests app's statistics (``/api/v1/stats/requests/``): counts only, and for the
public only groups large enough (``apps.api.aggregates``)."""

from apps.core.stats import (
    Stats,
    choice_dimension,
    city_dimension,
    count_measure,
    province_dimension,
    year_dimension,
)
from apps.requests.choices import Industry, RequestStatus
from apps.requests.filters import TechRequestFilterSet
from apps.requests.models import TechRequest


def request_stats():
    return Stats(
        "requests",
        "TechRequest",
        order=90,
        queryset=TechRequest.objects.all(),
        filterset_class=TechRequestFilterSet,
        dimensions={
            "province": province_dimension(),
            "city": city_dimension(),
            "year": year_dimension("created_at"),
            "status": choice_dimension("status", RequestStatus),
            "industry": choice_dimension("industry", Industry),
        },
        measures=[count_measure()],
        counts_every_record=True,
        description=(
            "Technology requests counted by group. Their contents are personal data and "
            "never public; their numbers are."
        ),
    )
