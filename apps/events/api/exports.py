"""The download of exchange events: their fields, as declared."""

from apps.core.rest.fields import record_export

EVENTS = record_export(
    "events.ExchangeEvent", related={"office": ("code",), "department": ("code",)}
)
