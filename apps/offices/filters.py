import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import YearFilter, related_exists_filter
from apps.offices.models import CooperationOffice, Duty
from apps.regions.filters import RegionFilterSet


class CooperationOfficeFilterSet(RegionFilterSet):
    year = YearFilter(field_name="opened_on", label=_("year opened"))
    opened_on = django_filters.DateFromToRangeFilter(label=_("opened on"))
    is_open = django_filters.BooleanFilter(
        field_name="closed_on", lookup_expr="isnull", label=_("still open")
    )
    duty = related_exists_filter(
        CooperationOffice.duties.through,
        "cooperationoffice",
        "duty",
        to_field_name="code",
        queryset=Duty.objects.all(),
        label=_("duty (code)"),
    )

    class Meta:
        model = CooperationOffice
        fields = ["province", "city", "year", "is_open", "duty"]
