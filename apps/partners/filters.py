import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import RecordFilterSet, YearFilter
from apps.partners.models import (
    GovernmentLevel,
    Membership,
    MembershipStatus,
    MembershipTier,
    Organization,
    OrganizationKind,
    Ownership,
)
from apps.regions.filters import CityFilter, RegionFilterSet, province_filter


class OrganizationFilterSet(RegionFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=OrganizationKind.choices, label=_("kind"))
    ownership = django_filters.MultipleChoiceFilter(choices=Ownership.choices, label=_("ownership"))
    government_level = django_filters.ChoiceFilter(
        choices=GovernmentLevel.choices, label=_("government level")
    )
    industry = django_filters.CharFilter(lookup_expr="icontains", label=_("industry contains"))

    class Meta:
        model = Organization
        fields = ["kind", "ownership", "government_level", "industry", "province", "city"]


class MembershipFilterSet(RecordFilterSet):
    province = province_filter("organization__province")
    city = CityFilter(field_name="organization__city")
    tier = django_filters.MultipleChoiceFilter(choices=MembershipTier.choices, label=_("tier"))
    status = django_filters.MultipleChoiceFilter(
        choices=MembershipStatus.choices, label=_("status")
    )
    valid_until = django_filters.DateFromToRangeFilter(label=_("valid until"))
    joined_year = YearFilter(field_name="joined_on", label=_("year joined"))

    class Meta:
        model = Membership
        fields = ["organization", "tier", "status", "province", "city", "joined_year"]
