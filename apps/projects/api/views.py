from django.db.models import OuterRef, Prefetch

from apps.core.rest.exports import Column, ExportSpec
from apps.core.rest.fields import RECORD_STAFF_COLUMNS, list_column
from apps.core.rest.pagination import KeysetPagination
from apps.core.rest.viewsets import RecordViewSet
from apps.partners.models import Organization
from apps.projects.api.serializers import ProjectSerializer, PublicProjectSerializer
from apps.projects.filters import CooperationProjectFilterSet
from apps.projects.models import CooperationProject, ProjectSite


class ProjectViewSet(RecordViewSet):
    """Research achievements applied in regions, with the places they are applied."""

    pagination_class = KeysetPagination
    queryset = CooperationProject.objects.select_related("department").prefetch_related(
        Prefetch("sites", queryset=ProjectSite.objects.select_related("province", "city")),
        Prefetch("partners", queryset=Organization.objects.only("id")),
    )
    public_serializer_class = PublicProjectSerializer
    staff_serializer_class = ProjectSerializer
    filterset_class = CooperationProjectFilterSet
    search_fields = ["code", "title_zh", "title_en", "technology_zh", "technology_en"]
    ordering_fields = ["started_on", "code", "title_zh"]
    export_basename = "projects"
    export = ExportSpec(
        public=[
            Column("id"),
            Column("code"),
            Column("title_zh"),
            Column("title_en"),
            Column("department_code", "department__code"),
            Column("department_name_zh", "department__name_zh"),
            Column("technology_zh"),
            Column("technology_en"),
            Column("summary_zh"),
            Column("summary_en"),
            Column("status"),
            Column("started_on"),
            list_column(
                "province_codes",
                ProjectSite.objects.filter(project=OuterRef("pk")).values("province__code"),
            ),
            list_column(
                "city_codes",
                ProjectSite.objects.filter(project=OuterRef("pk"), city__isnull=False).values(
                    "city__code"
                ),
            ),
            list_column(
                "partner_ids",
                CooperationProject.partners.through.objects.filter(
                    cooperationproject=OuterRef("pk")
                ).values("organization_id"),
            ),
            Column("is_illustrative"),
        ],
        staff=RECORD_STAFF_COLUMNS,
    )
