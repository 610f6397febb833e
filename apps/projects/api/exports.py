"""The download of cooperation projects: their fields, as declared, and where they apply."""

from django.db.models import OuterRef

from apps.core.rest.fields import list_column, record_export
from apps.projects.models import CooperationProject, ProjectSite

PROJECTS = record_export(
    "projects.CooperationProject",
    related={"department": ("code", "name_zh")},
    extra={
        "started_on": [
            list_column(
                "province_codes",
                ProjectSite.objects.filter(project=OuterRef("pk")).values("province__code"),
            ),
            list_column(
                "city_codes",
                ProjectSite.objects.filter(project=OuterRef("pk"), city__isnull=False).values(
                    "city__code"
                ),
            ),
            list_column(
                "partner_ids",
                CooperationProject.partners.through.objects.filter(
                    cooperationproject=OuterRef("pk")
                ).values("organization_id"),
            ),
        ]
    },
)
