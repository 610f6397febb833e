"""The download of experts: their public fields, as declared (never the e-mail address), and
the codes of their published achievements and projects in one cell each."""

from django.db.models import OuterRef

from apps.achievements.models import Achievement
from apps.core.rest.fields import list_column, record_export
from apps.projects.models import CooperationProject

EXPERTS = record_export(
    "experts.Expert",
    related={"department": ("code", "name_zh")},
    extra={
        "orcid": [
            list_column(
                "achievements",
                Achievement.objects.published()
                .filter(expert_profiles=OuterRef("pk"))
                .order_by("code")
                .values("code"),
            ),
            list_column(
                "projects",
                CooperationProject.objects.published()
                .filter(expert_profiles=OuterRef("pk"))
                .order_by("code")
                .values("code"),
            ),
        ]
    },
)
