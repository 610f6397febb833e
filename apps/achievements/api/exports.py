"""The download of achievements: their fields, as declared, and their patents in one cell."""

from django.db.models import OuterRef

from apps.achievements.models import Patent
from apps.core.rest.fields import list_column, record_export

ACHIEVEMENTS = record_export(
    "achievements.Achievement",
    related={"department": ("code", "name_zh")},
    extra={
        "listed_on": [
            list_column(
                "patents", Patent.objects.filter(achievement=OuterRef("pk")).values("number")
            )
        ]
    },
)
