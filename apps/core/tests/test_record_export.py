"""Download columns come from the fields each record type declares (``record_export``): the
public columns read no private field, and staff get every private field."""

import pytest
from django.db.models import F

from apps.core.registry import registry

EXPORTED = [t for t in registry.all() if t.hook("export") is not None]


def field_read(column):
    """The model field a column reads first (None for a subquery of related rows)."""
    expression = column.expression()
    if not isinstance(expression, F):
        return None
    return expression.name.split("__")[0].removesuffix("_id")


@pytest.mark.parametrize("record_type", EXPORTED, ids=lambda t: t.label)
def test_public_download_columns_read_no_private_field(record_type):
    read = {field_read(column) for column in record_type.hook("export").public}
    assert not read & set(record_type.private_fields)


@pytest.mark.parametrize("record_type", EXPORTED, ids=lambda t: t.label)
def test_staff_download_holds_every_private_field(record_type):
    read = {field_read(column) for column in record_type.hook("export").columns(staff=True)}
    assert set(record_type.private_fields) <= read


def test_a_type_whose_export_is_derived_downloads_its_public_fields():
    record_type = registry.get("events.ExchangeEvent")
    read = {field_read(column) for column in record_type.hook("export").public}
    expected = set(record_type.public_fields) - {"province", "city"}
    assert expected <= read
    assert {"province", "city"} <= read
