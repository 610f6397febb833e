from apps.core.rest.viewsets import RecordViewSet
from apps.offices.api.serializers import OfficeSerializer, PublicOfficeSerializer
from apps.offices.filters import CooperationOfficeFilterSet
from apps.offices.models import CooperationOffice


class OfficeViewSet(RecordViewSet):
    """Cooperation offices in key municipalities and regions, their duties and practice bases."""

    queryset = CooperationOffice.objects.select_related("province", "city").prefetch_related(
        "duties", "practice_bases"
    )
    public_serializer_class = PublicOfficeSerializer
    staff_serializer_class = OfficeSerializer
    filterset_class = CooperationOfficeFilterSet
    search_fields = ["code", "name_zh", "name_en", "address"]
    ordering_fields = ["opened_on", "code", "name_zh"]
    export_basename = "offices"
