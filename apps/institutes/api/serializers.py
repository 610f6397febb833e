from rest_framework import serializers

from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of
from apps.institutes.models import Branch, JointInstitute
from apps.regions.api.serializers import RegionFieldsMixin


class BranchSerializer(serializers.ModelSerializer):
    city = CodeField(read_only=True)
    city_name = name_of("city")

    class Meta:
        model = Branch
        fields = ["id", "name_zh", "name_en", "city", "city_name", "established_on"]
        read_only_fields = fields


INSTITUTE_FIELDS = [
    "id",
    "code",
    "name_zh",
    "name_en",
    "kind",
    "province",
    "province_name",
    "city",
    "city_name",
    "partner",
    "partner_name",
    "agreement_signed_on",
    "established_on",
    "focus_zh",
    "focus_en",
    "website",
    "branches",
    "is_illustrative",
]


class PublicInstituteSerializer(RegionFieldsMixin, CleanModelSerializer):
    partner_name = name_of("partner")
    branches = BranchSerializer(many=True, read_only=True)

    class Meta:
        model = JointInstitute
        fields = INSTITUTE_FIELDS


class InstituteSerializer(PublicInstituteSerializer):
    class Meta(PublicInstituteSerializer.Meta):
        fields = INSTITUTE_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = RECORD_STAFF_FIELDS
