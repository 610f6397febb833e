from apps.challenges.api.serializers import ChallengeSerializer, PublicChallengeSerializer
from apps.challenges.filters import ChallengeFilterSet
from apps.challenges.models import Challenge
from apps.core.rest.viewsets import RecordViewSet


class ChallengeViewSet(RecordViewSet):
    """Challenges (企业出题): partners' problems published with their consent, anonymised.
    Anonymous users get the published challenges and none of the partner's identity."""

    queryset = Challenge.objects.select_related("province", "city", "office")
    public_serializer_class = PublicChallengeSerializer
    staff_serializer_class = ChallengeSerializer
    filterset_class = ChallengeFilterSet
    search_fields = ["code", "title_zh", "title_en", "problem_zh", "problem_en"]
    ordering_fields = ["published_on", "deadline", "code", "title_zh"]
    export_basename = "challenges"
