import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from apps.core.filters import (
    CodeMultipleChoiceFilter,
    RecordFilterSet,
    YearFilter,
    department_filter,
)
from apps.partners.models import Organization
from apps.projects.models import CooperationProject, ProjectSite, ProjectStatus
from apps.regions.filters import CityFilter, city_and_districts
from apps.regions.models import Province


def _sites_exist(queryset, condition):
    return queryset.filter(Exists(ProjectSite.objects.filter(condition, project=OuterRef("pk"))))


class SiteProvinceFilter(CodeMultipleChoiceFilter):
    """Projects applied in one of the provinces: EXISTS over the sites, so no duplicate rows."""

    def filter(self, qs, value):
        if not value:
            return qs
        return _sites_exist(qs, Q(province__in=value))


class SiteCityFilter(CityFilter):
    def filter(self, qs, value):
        if value is None:
            return qs
        return _sites_exist(qs, Q(city__in=city_and_districts(value)))


class CooperationProjectFilterSet(RecordFilterSet):
    province = SiteProvinceFilter(
        to_field_name="code",
        queryset=Province.objects.all(),
        label=_("province where applied (administrative code)"),
    )
    city = SiteCityFilter(label=_("city where applied (administrative code), districts included"))
    department = department_filter()
    status = django_filters.MultipleChoiceFilter(choices=ProjectStatus.choices, label=_("status"))
    year = YearFilter(field_name="started_on", label=_("year started"))
    started_on = django_filters.DateFromToRangeFilter(label=_("started on"))
    partner = django_filters.ModelChoiceFilter(
        field_name="partners",
        queryset=Organization.objects.all(),
        label=_("partner organization"),
        method="filter_partner",
    )

    class Meta:
        model = CooperationProject
        fields = ["province", "city", "department", "status", "year", "partner"]

    def filter_partner(self, queryset, name, value):
        if value is None:
            return queryset
        through = CooperationProject.partners.through
        return queryset.filter(
            Exists(through.objects.filter(cooperationproject=OuterRef("pk"), organization=value))
        )
