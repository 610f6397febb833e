import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import RegionFilterSet
from apps.partners.models import GovernmentLevel, Organization, OrganizationKind, Ownership


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
