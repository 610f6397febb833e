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
    # An event counts once held: its first day has come (announced ones are listed, not counted).
    counted=lambda today: Q(start_on__lte=today),
    save="apps.events.services.event_save",
    pages="apps.events.pages.PAGES",
)
registry.hook("events.ExchangeEvent", stats="apps.events.stats.event_stats")
registry.hook("events.ExchangeEvent", search="apps.events.search.EVENTS")
