"""The events app's section of a region's dossier (``apps.core.dossier``): the events of the
last ``EVENT_YEARS`` years by year, the latest of them, and each office's count of them."""

import datetime

from django.db.models import Count

from apps.core.dossier import DossierSection
from apps.events.models import ExchangeEvent

EVENT_YEARS = 3
EVENT_LIST_LIMIT = 40


def _events(context):
    today = context.today
    since = datetime.date(today.year - EVENT_YEARS + 1, 1, 1)
    events = context.records_of(ExchangeEvent.objects.all()).filter(
        start_on__gte=since, start_on__lte=today
    )
    offices = context.records.get("offices", [])
    activity = dict(
        events.filter(office__in=offices)
        .values("office")
        .annotate(n=Count("pk"))
        .values_list("office", "n")
    )
    for office, row in zip(offices, context.data.get("offices", []), strict=True):
        row["events"] = activity.get(office.pk, 0)
    by_year = dict(
        events.values("start_on__year").annotate(n=Count("pk")).values_list("start_on__year", "n")
    )
    context.data["event_years"] = [
        {"year": year, "events": by_year.get(year, 0)} for year in range(since.year, today.year + 1)
    ]
    latest = events.select_related("city", "province").order_by("-start_on", "code")
    context.data["events"] = [
        {
            "title": e.title,
            "date": e.start_on,
            "kind": e.get_kind_display(),
            "place": str(e.city or e.province),
            "participants": e.participants,
        }
        for e in latest[:EVENT_LIST_LIMIT]
    ]


EVENTS = DossierSection(60, _events)
