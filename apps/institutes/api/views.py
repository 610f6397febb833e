from django.db.models import OuterRef, Prefetch

from apps.core.rest.exports import Column, ExportSpec
from apps.core.rest.fields import RECORD_STAFF_COLUMNS, list_column, region_columns
from apps.core.rest.viewsets import RecordViewSet
from apps.institutes.api.serializers import InstituteSerializer, PublicInstituteSerializer
from apps.institutes.filters import JointInstituteFilterSet
from apps.institutes.models import Branch, JointInstitute


class InstituteViewSet(RecordViewSet):
    """Joint research institutes and their branches."""

    queryset = JointInstitute.objects.select_related(
        "province", "city", "partner"
    ).prefetch_related(Prefetch("branches", queryset=Branch.objects.select_related("city")))
    public_serializer_class = PublicInstituteSerializer
    staff_serializer_class = InstituteSerializer
    filterset_class = JointInstituteFilterSet
    search_fields = ["code", "name_zh", "name_en", "focus_zh", "focus_en"]
    ordering_fields = ["established_on", "code", "name_zh"]
    export_basename = "institutes"
    export = ExportSpec(
        public=[
            Column("id"),
            Column("code"),
            Column("name_zh"),
            Column("name_en"),
            Column("kind"),
            *region_columns(),
            Column("partner_id"),
            Column("partner_name_zh", "partner__name_zh"),
            Column("agreement_signed_on"),
            Column("established_on"),
            Column("focus_zh"),
            Column("focus_en"),
            Column("website"),
            list_column(
                "branches", Branch.objects.filter(institute=OuterRef("pk")).values("name_zh")
            ),
            Column("is_illustrative"),
        ],
        staff=RECORD_STAFF_COLUMNS,
    )
