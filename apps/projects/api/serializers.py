from rest_framework import serializers

from apps.core.models import Department
from apps.core.rest.fields import RECORD_STAFF_FIELDS
from apps.core.rest.serializers import CleanModelSerializer, CodeField, name_of
from apps.projects.models import CooperationProject, ProjectSite


class ProjectSiteSerializer(serializers.ModelSerializer):
    province = CodeField(read_only=True)
    province_name = name_of("province")
    city = CodeField(read_only=True, allow_null=True)
    city_name = name_of("city")

    class Meta:
        model = ProjectSite
        fields = [
            "id",
            "province",
            "province_name",
            "city",
            "city_name",
            "organization",
            "started_on",
            "note_zh",
            "note_en",
        ]
        read_only_fields = fields


PROJECT_FIELDS = [
    "id",
    "code",
    "title_zh",
    "title_en",
    "department",
    "department_name",
    "technology_zh",
    "technology_en",
    "summary_zh",
    "summary_en",
    "status",
    "started_on",
    "partners",
    "sites",
    "is_illustrative",
]


class PublicProjectSerializer(CleanModelSerializer):
    department = CodeField(queryset=Department.objects.all())
    department_name = name_of("department")
    sites = ProjectSiteSerializer(many=True, read_only=True)

    class Meta:
        model = CooperationProject
        fields = PROJECT_FIELDS


class ProjectSerializer(PublicProjectSerializer):
    class Meta(PublicProjectSerializer.Meta):
        fields = PROJECT_FIELDS + RECORD_STAFF_FIELDS
        staff_only_fields = RECORD_STAFF_FIELDS
