from rest_framework import serializers

from apps.achievements.models import Achievement, Patent
from apps.core.models import Department
from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of
from apps.regions.api.serializers import RegionFieldsMixin
from apps.regions.models import Province


class PatentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Patent
        fields = ["id", "number", "status", "filed_on", "granted_on"]
        read_only_fields = fields


ACHIEVEMENT_FIELDS = [
    "id",
    "code",
    "title_zh",
    "title_en",
    "summary_zh",
    "summary_en",
    "industry",
    "field_zh",
    "field_en",
    "department",
    "department_name",
    "experts_zh",
    "experts_en",
    "maturity",
    "offers_transfer",
    "offers_licence",
    "offers_equity",
    "offers_codevelopment",
    "terms_negotiable",
    "terms_zh",
    "terms_en",
    "province",
    "province_name",
    "city",
    "city_name",
    "listed_on",
    "patents",
    "is_illustrative",
]


class PublicAchievementSerializer(RegionFieldsMixin, CleanModelSerializer):
    # Where an achievement is applied may be nowhere yet.
    province = CodeField(
        queryset=Province.objects.all(), allow_null=True, required=False, default=None
    )
    department = CodeField(queryset=Department.objects.all())
    department_name = name_of("department")
    patents = PatentSerializer(many=True, read_only=True)

    class Meta:
        model = Achievement
        fields = ACHIEVEMENT_FIELDS


class AchievementSerializer(PublicAchievementSerializer):
    class Meta(PublicAchievementSerializer.Meta):
        fields = ACHIEVEMENT_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = RECORD_STAFF_FIELDS
