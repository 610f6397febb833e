import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import YearFilter
from apps.institutes.models import InstituteKind, JointInstitute
from apps.regions.filters import RegionFilterSet


class JointInstituteFilterSet(RegionFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=InstituteKind.choices, label=_("kind"))
    year = YearFilter(field_name="established_on", label=_("year established"))
    established_on = django_filters.DateFromToRangeFilter(label=_("established on"))

    class Meta:
        model = JointInstitute
        fields = ["kind", "province", "city", "partner", "year"]
