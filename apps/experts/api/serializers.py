from rest_framework import serializers

from apps.achievements.models import Achievement
from apps.core.models import Department
from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of
from apps.experts.models import Expert
from apps.projects.models import CooperationProject
from apps.regions.api.serializers import RegionFieldsMixin
from apps.regions.models import Province

EXPERT_FIELDS = [
    "id",
    "code",
    "name_zh",
    "name_en",
    "department",
    "department_name",
    "title",
    "fields_zh",
    "fields_en",
    "industry",
    "profile_zh",
    "profile_en",
    "speaks_zh",
    "speaks_en",
    "speaks_ja",
    "speaks_de",
    "speaks_fr",
    "speaks_ru",
    "orcid",
    "achievements",
    "projects",
    "province",
    "province_name",
    "city",
    "city_name",
    "consent_given",
    "is_illustrative",
]
# The address messages are relayed to and the date consent was recorded: staff only.
EXPERT_STAFF_FIELDS = ["email", "consent_on", *RECORD_STAFF_FIELDS]


class PublishedCodes(serializers.Field):
    """The codes of the linked records anyone may see (prefetched as ``public_<name>``)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, expert):
        return [record.code for record in getattr(expert, f"public_{self.field_name}")]


class PublicExpertSerializer(RegionFieldsMixin, CleanModelSerializer):
    # An expert on the campus is based in no region.
    province = CodeField(
        queryset=Province.objects.all(), allow_null=True, required=False, default=None
    )
    department = CodeField(queryset=Department.objects.all())
    department_name = name_of("department")
    achievements = PublishedCodes()
    projects = PublishedCodes()

    class Meta:
        model = Expert
        fields = EXPERT_FIELDS


class ExpertSerializer(PublicExpertSerializer):
    achievements = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=Achievement.objects.all(), required=False
    )
    projects = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=CooperationProject.objects.all(), required=False
    )

    class Meta(PublicExpertSerializer.Meta):
        fields = EXPERT_FIELDS + EXPERT_STAFF_FIELDS
        staff_only_fields = EXPERT_STAFF_FIELDS
