import django_filters
from django.utils.translation import gettext_lazy as _

from apps.challenges.choices import FINISHED_STAGES, Openness, Stage
from apps.challenges.models import Challenge
from apps.core.filters import YearFilter
from apps.regions.filters import RegionFilterSet
from apps.requests.choices import Industry


class ChallengeFilterSet(RegionFilterSet):
    industry = django_filters.MultipleChoiceFilter(choices=Industry.choices, label=_("industry"))
    status = django_filters.ChoiceFilter(
        choices=Openness.choices,
        label=_("open or closed"),
        method="filter_status",
    )
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices, label=_("stage"))
    year = YearFilter(field_name="published_on", label=_("year published"))
    published_on = django_filters.DateFromToRangeFilter(label=_("published on"))

    class Meta:
        model = Challenge
        fields = ["industry", "status", "stage", "province", "city", "year"]

    def filter_status(self, queryset, name, value):
        """Open: still taking proposals (any stage before signed or closed)."""
        finished = sorted(FINISHED_STAGES)
        if value == Openness.OPEN:
            return queryset.exclude(stage__in=finished)
        if value == Openness.CLOSED:
            return queryset.filter(stage__in=finished)
        return queryset
