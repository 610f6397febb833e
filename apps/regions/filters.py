import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.filters import province_filter, related_exists_filter
from apps.regions.models import City, CityLevel, MacroRegion, Province, ProvinceKind, Zone


class ProvinceFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ProvinceKind.choices, label=_("kind"))
    macro_region = django_filters.MultipleChoiceFilter(
        choices=MacroRegion.choices, label=_("macro-region")
    )
    zone = related_exists_filter(
        Zone.provinces.through,
        "province",
        "zone",
        to_field_name="code",
        queryset=Zone.objects.all(),
        label=_("economic zone or strategy (code)"),
    )

    class Meta:
        model = Province
        fields = ["kind", "macro_region", "zone"]


class CityFilterSet(django_filters.FilterSet):
    province = province_filter()
    level = django_filters.ChoiceFilter(choices=CityLevel.choices, label=_("level"))
    parent = django_filters.ModelChoiceFilter(
        to_field_name="code",
        queryset=City.objects.filter(level=CityLevel.PREFECTURE),
        label=_("prefecture-level city (administrative code)"),
    )

    class Meta:
        model = City
        fields = ["province", "level", "parent"]
