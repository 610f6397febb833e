from django.db.models import Prefetch

from apps.core.rest.viewsets import ReferenceViewSet
from apps.regions.api.serializers import CitySerializer, ProvinceSerializer
from apps.regions.filters import CityFilterSet, ProvinceFilterSet
from apps.regions.models import City, Province, Zone


class ProvinceViewSet(ReferenceViewSet):
    """The 34 provincial-level units, by GB/T 2260 administrative code."""

    queryset = Province.objects.prefetch_related(
        Prefetch("zones", queryset=Zone.objects.only("id", "code"))
    )
    serializer_class = ProvinceSerializer
    filterset_class = ProvinceFilterSet
    lookup_field = "code"
    lookup_value_regex = "[1-8][0-9]0000"
    search_fields = ["code", "name_zh", "short_name_zh", "name_en"]
    ordering_fields = ["code", "name_zh", "name_en"]
    export_basename = "provinces"


class CityViewSet(ReferenceViewSet):
    """Prefecture-level cities and the county-level cities and districts under them."""

    queryset = City.objects.select_related("province", "parent")
    serializer_class = CitySerializer
    filterset_class = CityFilterSet
    lookup_field = "code"
    lookup_value_regex = "[1-8][0-9]{5}"
    search_fields = ["code", "name_zh", "name_en"]
    ordering_fields = ["code", "name_zh", "name_en"]
    export_basename = "cities"
