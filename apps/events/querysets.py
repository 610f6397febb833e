"""The events app's rules: where an exchange event lies, what is published."""

from django.db.models import Q

from apps.core.querysets import RecordQuerySet
from apps.core.registry import RegionPath, registry


class EventQuerySet(RecordQuerySet):
    pass


registry.register(
    "events.ExchangeEvent",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    save="apps.events.services.event_save",
)
registry.hook("events.ExchangeEvent", stats="apps.events.stats.event_stats")
registry.hook("events.ExchangeEvent", search="apps.events.search.EVENTS")
