from django.db.models import Prefetch

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
