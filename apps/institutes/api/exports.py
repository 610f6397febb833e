"""The download of joint institutes: their fields, as declared."""

from django.db.models import OuterRef

from apps.core.rest.fields import list_column, record_export
from apps.institutes.models import Branch

INSTITUTES = record_export(
    "institutes.JointInstitute",
    related={"partner": ("id", "name_zh")},
    extra={
        "website": [
            list_column(
                "branches", Branch.objects.filter(institute=OuterRef("pk")).values("name_zh")
            )
        ]
    },
)
