import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.achievements.models import MODE_FIELDS, Achievement, LicensingMode, Readiness
from apps.core.filters import YearFilter, department_filter
from apps.regions.filters import RegionFilterSet
from apps.requests.choices import Industry


class AchievementFilterSet(RegionFilterSet):
    industry = django_filters.MultipleChoiceFilter(choices=Industry.choices, label=_("industry"))
    maturity = django_filters.TypedMultipleChoiceFilter(
        choices=Readiness.choices, coerce=int, label=_("technology readiness level")
    )
    mode = django_filters.MultipleChoiceFilter(
        choices=LicensingMode.choices, label=_("licensing mode offered"), method="filter_mode"
    )
    department = department_filter()
    year = YearFilter(field_name="listed_on", label=_("year listed"))
    listed_on = django_filters.DateFromToRangeFilter(label=_("listed on"))

    class Meta:
        model = Achievement
        fields = ["industry", "maturity", "mode", "department", "province", "city", "year"]

    def filter_mode(self, queryset, name, value):
        """Achievements offered in any of the modes."""
        if not value:
            return queryset
        condition = Q()
        for mode in value:
            condition |= Q(**{MODE_FIELDS[mode]: True})
        return queryset.filter(condition)
