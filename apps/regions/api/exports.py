"""The downloads of the reference geography: by administrative code (GB/T 2260), as the
national tables write it, with no database id."""

from django.db.models import OuterRef

from apps.core.rest.exports import Column, ExportSpec
from apps.core.rest.fields import list_column
from apps.regions.models import Zone

PROVINCES = ExportSpec(
    public=[
        Column("code"),
        Column("name_zh"),
        Column("short_name_zh"),
        Column("name_en"),
        Column("kind"),
        Column("macro_region"),
        Column("latitude"),
        Column("longitude"),
        list_column(
            "zones",
            Zone.provinces.through.objects.filter(province=OuterRef("pk")).values("zone__code"),
        ),
    ]
)
CITIES = ExportSpec(
    public=[
        Column("code"),
        Column("name_zh"),
        Column("name_en"),
        Column("level"),
        Column("province_code", "province__code"),
        Column("parent_code", "parent__code"),
        Column("latitude"),
        Column("longitude"),
    ]
)
