"""Column and annotation helpers the resources' viewsets share."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.rest.exports import Column, join_values

RECORD_STAFF_FIELDS = ["is_public", "created_at", "updated_at"]
RECORD_STAFF_COLUMNS = [Column("is_public"), Column("created_at"), Column("updated_at")]
MONEY = DecimalField(max_digits=16, decimal_places=2)


def region_columns(prefix=""):
    return [
        Column(f"{prefix}province_code", f"{prefix}province__code"),
        Column(f"{prefix}province_name_zh", f"{prefix}province__name_zh"),
        Column(f"{prefix}province_name_en", f"{prefix}province__name_en"),
        Column(f"{prefix}city_code", f"{prefix}city__code"),
        Column(f"{prefix}city_name_zh", f"{prefix}city__name_zh"),
        Column(f"{prefix}city_name_en", f"{prefix}city__name_en"),
    ]


def list_column(header, related_queryset):
    """Several related values in one cell, ``;``-separated, read by a correlated subquery."""
    return Column(header, ArraySubquery(related_queryset), convert=join_values)


def sum_of(model, link, field="amount"):
    """The sum of a related table's column by a correlated subquery (no join, no GROUP BY)."""
    total = (
        model.objects.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=MONEY), Value(0, output_field=MONEY))
