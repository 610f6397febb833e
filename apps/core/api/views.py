from apps.core.api.serializers import (
    DepartmentSerializer,
    MilestoneSerializer,
    PublicDepartmentSerializer,
    PublicMilestoneSerializer,
)
from apps.core.filters import DepartmentFilterSet, MilestoneFilterSet
from apps.core.models import Department, Milestone
from apps.core.rest.viewsets import RecordViewSet


class DepartmentViewSet(RecordViewSet):
    """Departments and schools of the university, and units of the S&T development department."""

    queryset = Department.objects.all()
    public_serializer_class = PublicDepartmentSerializer
    staff_serializer_class = DepartmentSerializer
    filterset_class = DepartmentFilterSet
    search_fields = ["code", "name_zh", "name_en"]
    ordering_fields = ["code", "kind", "name_zh", "established_on"]
    export_basename = "departments"


class MilestoneViewSet(RecordViewSet):
    """The department's history, for the public timeline."""

    queryset = Milestone.objects.select_related("department")
    public_serializer_class = PublicMilestoneSerializer
    staff_serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    search_fields = ["title_zh", "title_en", "description_zh", "description_en"]
    ordering_fields = ["happened_on", "title_zh"]
    export_basename = "milestones"
