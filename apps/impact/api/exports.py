"""The download of impact records: their fields, as declared."""

from apps.core.rest.fields import record_export

IMPACT_RECORDS = record_export("impact.ImpactRecord")
