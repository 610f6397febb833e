from django.db.models import OuterRef

from apps.core.rest.exports import Column, ExportSpec
from apps.core.rest.fields import RECORD_STAFF_COLUMNS, list_column, region_columns
from apps.core.rest.viewsets import RecordViewSet
from apps.offices.api.serializers import OfficeSerializer, PublicOfficeSerializer
from apps.offices.filters import CooperationOfficeFilterSet
from apps.offices.models import CooperationOffice, PracticeBase


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
    export = ExportSpec(
        public=[
            Column("id"),
            Column("code"),
            Column("name_zh"),
            Column("name_en"),
            *region_columns(),
            Column("opened_on"),
            Column("closed_on"),
            Column("address"),
            list_column(
                "duties",
                CooperationOffice.duties.through.objects.filter(
                    cooperationoffice=OuterRef("pk")
                ).values("duty__code"),
            ),
            list_column(
                "practice_bases",
                PracticeBase.objects.filter(office=OuterRef("pk")).values("name_zh"),
            ),
            Column("is_illustrative"),
        ],
        staff=[
            Column("contact_name"),
            Column("contact_phone"),
            Column("contact_email"),
            *RECORD_STAFF_COLUMNS,
        ],
    )
