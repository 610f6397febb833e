from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer
from apps.impact.choices import MEASURE_FIELDS
from apps.impact.models import ImpactRecord
from apps.regions.api.serializers import RegionFieldsMixin

PUBLIC_FIELDS = [
    "id",
    "code",
    "subject",
    "project",
    "institute",
    "office",
    "agreement",
    "province",
    "province_name",
    "city",
    "city_name",
    "report_year",
    *MEASURE_FIELDS,
    "source",
    "status",
    "verified_on",
    "is_illustrative",
]
# Who reported the figures and who checked them stay with staff.
STAFF_FIELDS = ["source_note", "verified_by"]


class PublicImpactRecordSerializer(RegionFieldsMixin, CleanModelSerializer):
    class Meta:
        model = ImpactRecord
        fields = PUBLIC_FIELDS
        read_only_fields = ["status", "verified_on"]


class ImpactRecordSerializer(PublicImpactRecordSerializer):
    class Meta(PublicImpactRecordSerializer.Meta):
        fields = PUBLIC_FIELDS + STAFF_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = STAFF_FIELDS + RECORD_STAFF_FIELDS
        # Verification is the admin's, where the evidence is checked.
        read_only_fields = ["status", "verified_on", "verified_by"]
