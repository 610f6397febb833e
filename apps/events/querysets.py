"""The events app's rules: where an exchange event lies, what is published."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

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
    outcomes="apps.events.outcomes.EVENTS",
    demo="apps.events.demo.EVENTS",
    synthetic="apps.events.synthetic.EVENTS",
    export="apps.events.api.exports.EVENTS",
    import_resource="apps.events.resources.ExchangeEventResource",
    api=("events", "apps.events.api.views.EventViewSet", "event"),
    figures=dict(
        name="events", order=30, date_field="start_on", kind_field="kind", extra="participants"
    ),
    open_data=dict(
        key="events",
        order=60,
        title=pgettext_lazy("open data", "Exchange events"),
        description=pgettext_lazy(
            "open data",
            "Technology fairs, match-making sessions, training programmes and visits: kind, "
            "dates, place, participants, outcomes.",
        ),
    ),
    open_data_figure=dict(
        column="events_held",
        order=30,
        date_field="start_on",
        title=pgettext_lazy("open data", "Exchange events held"),
    ),
    report="apps.events.report.EVENTS",
    dossier="apps.events.dossier.EVENTS",
    pages="apps.events.pages.PAGES",
)
registry.hook("events.ExchangeEvent", stats="apps.events.stats.event_stats")
registry.hook("events.ExchangeEvent", search="apps.events.search.EVENTS")
registry.hook("events.ExchangeEvent", digest="apps.events.digest.EVENTS")
