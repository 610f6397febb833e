"""Exchange events in the subscribers' weekly digest (``digest=``, apps.core.digest)."""

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from apps.core.digest import DigestItem, DigestSource
from apps.core.models import pick_language
from apps.events.models import ExchangeEvent


def new_events(since):
    """Published events announced or recorded since ``since`` (one query). Events name no
    industry: a subscriber's industries do not filter them, the keywords and regions do."""
    events = (
        ExchangeEvent.objects.published()
        .filter(created_at__gte=since)
        .select_related("city")
        .order_by("start_on", "code")
    )
    return [
        DigestItem(
            title=event.title,
            url=reverse("public:event_detail", kwargs={"code": event.code}),
            on=event.start_on,
            summary=Truncator(
                " · ".join(
                    part
                    for part in (
                        event.get_kind_display(),
                        str(event.city) if event.city else "",
                        event.organizer,
                    )
                    if part
                )
            ).chars(200),
            text=" ".join(
                (
                    event.title_zh,
                    event.title_en,
                    event.organizer,
                    pick_language(event.outcomes_zh, event.outcomes_en),
                )
            ),
            province_id=event.province_id,
            city_id=event.city_id,
        )
        for event in events
    ]


EVENTS = DigestSource(key="events", title=_("New events"), order=30, items=new_events)
