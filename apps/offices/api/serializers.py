from rest_framework import serializers

from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField
from apps.offices.models import CooperationOffice, Duty, PracticeBase
from apps.regions.api.serializers import RegionFieldsMixin


class PracticeBaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = PracticeBase
        fields = ["id", "kind", "name_zh", "name_en", "organization", "established_on"]
        read_only_fields = fields


OFFICE_FIELDS = [
    "id",
    "code",
    "name_zh",
    "name_en",
    "province",
    "province_name",
    "city",
    "city_name",
    "opened_on",
    "closed_on",
    "address",
    "office_phone",
    "office_email",
    "duties",
    "practice_bases",
    "is_illustrative",
]
# A named contact person with a phone and an email is personal data.
OFFICE_STAFF_FIELDS = ["contact_name", "contact_phone", "contact_email", *RECORD_STAFF_FIELDS]


class PublicOfficeSerializer(RegionFieldsMixin, CleanModelSerializer):
    duties = CodeField(queryset=Duty.objects.all(), many=True, required=False)
    practice_bases = PracticeBaseSerializer(many=True, read_only=True)

    class Meta:
        model = CooperationOffice
        fields = OFFICE_FIELDS


class OfficeSerializer(PublicOfficeSerializer):
    class Meta(PublicOfficeSerializer.Meta):
        fields = OFFICE_FIELDS + OFFICE_STAFF_FIELDS
        staff_only_fields = OFFICE_STAFF_FIELDS
