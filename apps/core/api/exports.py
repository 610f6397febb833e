"""The downloads of the university's own reference records: their fields, as declared."""

from apps.core.rest.fields import record_export

DEPARTMENTS = record_export("core.Department")
MILESTONES = record_export("core.Milestone", related={"department": ("code",)})
