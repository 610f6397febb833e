from django.db.models import Prefetch

from apps.achievements.api.serializers import AchievementSerializer, PublicAchievementSerializer
from apps.achievements.filters import AchievementFilterSet
from apps.achievements.models import Achievement, Patent
from apps.core.rest.viewsets import RecordViewSet


class AchievementViewSet(RecordViewSet):
    """Achievements offered to partners (科技成果), with their patents."""

    queryset = Achievement.objects.select_related(
        "department", "province", "city"
    ).prefetch_related(Prefetch("patents", queryset=Patent.objects.order_by("filed_on", "number")))
    public_serializer_class = PublicAchievementSerializer
    staff_serializer_class = AchievementSerializer
    filterset_class = AchievementFilterSet
    search_fields = [
        "code",
        "title_zh",
        "title_en",
        "summary_zh",
        "summary_en",
        "field_zh",
        "field_en",
    ]
    ordering_fields = ["listed_on", "code", "maturity", "title_zh"]
    export_basename = "achievements"
