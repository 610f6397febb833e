from rest_framework import serializers

from apps.challenges.models import Challenge
from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField
from apps.offices.models import CooperationOffice
from apps.regions.api.serializers import RegionFieldsMixin

CHALLENGE_FIELDS = [
    "id",
    "code",
    "title_zh",
    "title_en",
    "problem_zh",
    "problem_en",
    "industry",
    "province",
    "province_name",
    "city",
    "city_name",
    "budget_range",
    "deadline",
    "published_on",
    "stage",
    "is_open",
    "is_illustrative",
]
# The request (the partner's name and contact), the consent record, the office and the
# contract are the staff's alone (the registry's private fields).
CHALLENGE_STAFF_FIELDS = [
    "request",
    "consent_on",
    "consent_method",
    "consent_note",
    "office",
    "contract",
    "stage_changed_at",
    *RECORD_STAFF_FIELDS,
]


class PublicChallengeSerializer(RegionFieldsMixin, CleanModelSerializer):
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Challenge
        fields = CHALLENGE_FIELDS


class ChallengeSerializer(PublicChallengeSerializer):
    office = CodeField(
        queryset=CooperationOffice.objects.all(), allow_null=True, required=False, default=None
    )

    class Meta(PublicChallengeSerializer.Meta):
        fields = CHALLENGE_FIELDS + CHALLENGE_STAFF_FIELDS
        staff_only_fields = CHALLENGE_STAFF_FIELDS
        read_only_fields = ["stage_changed_at"]
