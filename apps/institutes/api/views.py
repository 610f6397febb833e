from django.db.models import Prefetch

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
