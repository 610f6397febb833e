from apps.core.rest.viewsets import RecordViewSet
from apps.experts.api.serializers import ExpertSerializer, PublicExpertSerializer
from apps.experts.filters import ExpertFilterSet
from apps.experts.models import Expert
from apps.experts.selectors import published_links


class ExpertViewSet(RecordViewSet):
    """Experts partners may contact (专家): published only with their recorded consent; the
    e-mail address is for staff."""

    queryset = Expert.objects.select_related("department", "province", "city").prefetch_related(
        "achievements", "projects", *published_links()
    )
    public_serializer_class = PublicExpertSerializer
    staff_serializer_class = ExpertSerializer
    filterset_class = ExpertFilterSet
    search_fields = ["code", "name_zh", "name_en", "fields_zh", "fields_en"]
    ordering_fields = ["name_zh", "code"]
    export_basename = "experts"

    def public_queryset(self, queryset):
        # The public answer needs no link a visitor may not see.
        return (
            Expert.objects.public()
            .select_related("department", "province", "city")
            .prefetch_related(*published_links())
        )
