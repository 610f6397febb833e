"""The download of cooperation offices: their fields, as declared."""

from django.db.models import OuterRef

from apps.core.rest.fields import list_column, record_export
from apps.offices.models import CooperationOffice, PracticeBase

OFFICES = record_export(
    "offices.CooperationOffice",
    extra={
        "address": [
            list_column(
                "duties",
                CooperationOffice.duties.through.objects.filter(
                    cooperationoffice=OuterRef("pk")
                ).values("duty__code"),
            ),
            list_column(
                "practice_bases",
                PracticeBase.objects.filter(office=OuterRef("pk")).values("name_zh"),
            ),
        ]
    },
)
