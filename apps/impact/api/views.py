from apps.core.rest.viewsets import RecordViewSet
from apps.impact.api.serializers import ImpactRecordSerializer, PublicImpactRecordSerializer
from apps.impact.filters import ImpactRecordFilterSet
from apps.impact.models import ImpactRecord


class ImpactRecordViewSet(RecordViewSet):
    """Impact records (成效): the public gets verified records only."""

    queryset = ImpactRecord.objects.select_related("province", "city")
    public_serializer_class = PublicImpactRecordSerializer
    staff_serializer_class = ImpactRecordSerializer
    filterset_class = ImpactRecordFilterSet
    search_fields = ["code", "source_note"]
    ordering_fields = ["report_year", "code"]
    export_basename = "impact"
