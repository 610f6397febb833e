import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import YearFilter, department_filter
from apps.events.models import EventKind, ExchangeEvent
from apps.regions.filters import RegionFilterSet


class ExchangeEventFilterSet(RegionFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=EventKind.choices, label=_("type"))
    department = department_filter()
    year = YearFilter(field_name="start_on", label=_("year"))
    start_on = django_filters.DateFromToRangeFilter(label=_("starts on"))

    class Meta:
        model = ExchangeEvent
        fields = ["kind", "province", "city", "office", "department", "year"]
