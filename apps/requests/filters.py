import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import StaffFilterSet, YearFilter
from apps.regions.filters import CityFilter, province_filter
from apps.requests.choices import BudgetRange, CooperationKind, Industry, RequestStatus
from apps.requests.models import TechRequest


class TechRequestFilterSet(StaffFilterSet):
    province = province_filter()
    city = CityFilter(field_name="city")
    status = django_filters.MultipleChoiceFilter(choices=RequestStatus.choices, label=_("status"))
    industry = django_filters.MultipleChoiceFilter(choices=Industry.choices, label=_("industry"))
    cooperation_kind = django_filters.MultipleChoiceFilter(
        choices=CooperationKind.choices, label=_("kind of cooperation sought")
    )
    budget_range = django_filters.MultipleChoiceFilter(
        choices=BudgetRange.choices, label=_("budget range")
    )
    year = YearFilter(field_name="created_at__date", label=_("year submitted"))
    submitted = django_filters.DateFromToRangeFilter(
        field_name="created_at__date", label=_("submitted on")
    )

    class Meta:
        model = TechRequest
        fields = [
            "province",
            "city",
            "status",
            "industry",
            "assigned_department",
            "assigned_office",
            "assignee",
            "year",
        ]
