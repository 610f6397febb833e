import django_filters
from django.db.models import BigIntegerField
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from apps.core.filters import CodeMultipleChoiceFilter, RecordFilterSet, related_exists_filter
from apps.regions.models import City, CityLevel, MacroRegion, Province, ProvinceKind, Zone


def province_filter(field_name="province"):
    return CodeMultipleChoiceFilter(
        field_name=field_name,
        to_field_name="code",
        queryset=Province.objects.all(),
        label=_("province (administrative code)"),
    )


def city_and_districts(city):
    """The ids of the city and of the districts under it, as a list: the filtered table is
    then compared with literal values, which PostgreSQL plans from each one's own statistics
    (a semi-join on a subquery was planned as if every city were average, and walked the
    date index of a million contracts for the smallest city's few)."""
    return list(City.objects.in_region(city).values_list("pk", flat=True))


@extend_schema_field(OpenApiTypes.STR)
class CityFilter(django_filters.ModelChoiceFilter):
    """A city by administrative code: its own records and those of its districts."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("queryset", City.objects.all())
        kwargs.setdefault("label", _("city (administrative code), districts included"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        column = getattr(qs.model, "PLACE_COLUMN", None)
        if column and self.field_name == "city" and value.parent_id is None:
            # The records keep their place in a column of their own, indexed in every
            # order a list is read in: one equality instead of the city or its districts.
            table = qs.model._meta.db_table
            place = RawSQL(f'"{table}"."{column}"', (), output_field=BigIntegerField())
            return qs.alias(place_of_city=place).filter(place_of_city=value.pk)
        return qs.filter(**{f"{self.field_name}__in": city_and_districts(value)})


class RegionFilterSet(RecordFilterSet):
    """Province and city filters for records with their own ``province`` and ``city``."""

    province = province_filter()
    city = CityFilter(field_name="city")


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
