"""Column and annotation helpers the resources' viewsets share."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from apps.core.registry import NEVER, RECORD_BOOKKEEPING, registry
from apps.core.rest.exports import Column, ExportSpec, join_values

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


def record_export(label, *, related=None, extra=None, staff=()):
    """A record type's download columns, derived from its fields as the registry declares
    them (``public_fields`` for everyone, ``private_fields`` for staff alone), in the model's
    order:

    * a field is its own column; ``province`` with ``city`` the region columns (codes and
      names); a foreign key ``name`` is written by ``related[name]``, attributes of the record
      it points to (``("code",)`` gives ``name_code``), by default its id (``name_id``);
    * ``extra``: ``{field name: [columns]}`` written after that field (several related values
      in one cell, ``list_column``);
    * ``is_illustrative`` closes the public columns; staff then get the private fields,
      ``staff`` (annotations of the staff queryset) and the record's bookkeeping.

    A record type that is never published has no public columns: staff get every field.
    """
    record_type = registry.get(label)
    model = record_type.model
    related = related or {}
    extra = extra or {}
    concrete = [f.name for f in model._meta.concrete_fields if not f.generated]
    bookkeeping = [name for name in RECORD_BOOKKEEPING if name in concrete]
    public = [name for name in record_type.public_fields if name != "is_illustrative"]
    private = [name for name in concrete if name in record_type.private_fields]
    if record_type.published is NEVER:
        public, private = [], [name for name in concrete if name in {*public, *private}]
    columns_of = _field_columns(model, related, extra)
    closing = [Column("is_illustrative")] if "is_illustrative" in concrete and public else []
    return ExportSpec(
        public=[*columns_of(public), *closing],
        staff=[*columns_of(private), *staff, *(Column(name) for name in bookkeeping)],
    )


def _field_columns(model, related, extra):
    def columns_of(names):
        columns = []
        for name in names:
            field = model._meta.get_field(name)
            if name == "province" and "city" in names:
                columns += region_columns()
            elif name == "city" and "province" in names:
                pass
            elif field.is_relation:
                for attribute in related.get(name, ("id",)):
                    source = field.attname if attribute == "id" else f"{name}__{attribute}"
                    columns.append(Column(f"{name}_{attribute}", source))
            else:
                columns.append(Column(name))
            columns += extra.get(name, [])
        return columns

    return columns_of
