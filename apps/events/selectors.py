"""Reads of published exchange events for the public pages."""

from django.utils import timezone

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
