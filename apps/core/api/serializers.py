from apps.core.models import Department, Milestone
from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of

DEPARTMENT_FIELDS = [
    "id",
    "code",
    "name_zh",
    "name_en",
    "kind",
    "established_on",
    "description_zh",
    "description_en",
    "is_illustrative",
]


class PublicDepartmentSerializer(CleanModelSerializer):
    class Meta:
        model = Department
        fields = DEPARTMENT_FIELDS


class DepartmentSerializer(PublicDepartmentSerializer):
    class Meta(PublicDepartmentSerializer.Meta):
        fields = DEPARTMENT_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = RECORD_STAFF_FIELDS


MILESTONE_FIELDS = [
    "id",
    "happened_on",
    "precision",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "department",
    "department_name",
    "is_illustrative",
]


class PublicMilestoneSerializer(CleanModelSerializer):
    department = CodeField(
        queryset=Department.objects.all(), allow_null=True, required=False, default=None
    )
    department_name = name_of("department")

    class Meta:
        model = Milestone
        fields = MILESTONE_FIELDS


class MilestoneSerializer(PublicMilestoneSerializer):
    class Meta(PublicMilestoneSerializer.Meta):
        fields = MILESTONE_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = RECORD_STAFF_FIELDS
