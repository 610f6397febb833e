"""The records staff bring in from spreadsheets: every record type that declares an import
resource (``import_resource=`` on its registration, a ``apps.core.importing.StaffResource``
in its own app), by model."""

from apps.core.registry import registry

IMPORTABLE = {
    record_type.model: record_type.hook("import_resource")
    for record_type in registry.all()
    if record_type.hook("import_resource") is not None
}
