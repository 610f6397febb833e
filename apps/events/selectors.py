"""Reads of published exchange events for the public pages."""

from django.utils import timezone

from apps.core.links import reverser
from apps.core.pages import choice_labels
from apps.events.models import ExchangeEvent

# The event list's own parameter: upcoming or past events (its values).
WHEN = ("upcoming", "past")


def public_event_list(params=None, *, today=None):
    """Published events, newest first; upcoming ones soonest first, past ones newest first."""
    when = params.get("when") if params else None
    today = today or timezone.localdate()
    events = ExchangeEvent.objects.public().select_related("province", "city", "department")
    if when == "upcoming":
        return events.filter(start_on__gte=today).order_by("start_on", "code")
    if when == "past":
        return events.filter(start_on__lt=today).order_by("-start_on", "code")
    return events.order_by("-start_on", "code")


def public_event_page(code):
    event = (
        ExchangeEvent.objects.public()
        .select_related("province", "city", "department", "office")
        .get(code=code)
    )
    return {"record": event}


def public_events_in_region(region, today, *, upcoming=5, past=10):
    """A region page's events: the next ones announced and the latest held."""
    events = ExchangeEvent.objects.public().in_region(region).select_related("province", "city")
    url = reverser("public:event_detail")
    kind = choice_labels(ExchangeEvent, "kind")

    def item(event):
        return {
            "title": event.title,
            "url": url(event.code),
            "date": event.start_on,
            "kind": kind(event.kind),
            "place": str(event.city or event.province),
        }

    return {
        "upcoming": [
            item(e)
            for e in events.filter(start_on__gte=today).order_by("start_on", "code")[:upcoming]
        ],
        "past": [
            item(e) for e in events.filter(start_on__lt=today).order_by("-start_on", "code")[:past]
        ],
    }
