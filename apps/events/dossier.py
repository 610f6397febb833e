"""The events app's section of a region's dossier (``apps.core.dossier``): the events of the
last ``EVENT_YEARS`` years counted by year and kind, the few largest of them, and each
office's count of them. A summary: a reader of a dossier wants no list of raw rows."""

import datetime

from django.db.models import Count

from apps.core.dossier import DossierSection
from apps.events.models import EventKind, ExchangeEvent

EVENT_YEARS = 3
HIGHLIGHTS = 3


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
    by_year_kind = {
        (row["start_on__year"], row["kind"]): row["n"]
        for row in events.values("start_on__year", "kind").annotate(n=Count("pk"))
    }
    years = range(since.year, today.year + 1)
    # The kinds held here in these years, each with its count per year: a summary, not rows.
    kinds = [
        {
            "kind": kind,
            "label": str(label),
            "by_year": [by_year_kind.get((year, kind), 0) for year in years],
            "total": sum(by_year_kind.get((year, kind), 0) for year in years),
        }
        for kind, label in EventKind.choices
    ]
    context.data["event_kinds"] = [row for row in kinds if row["total"]]
    context.data["event_years"] = [
        {"year": year, "events": sum(row["by_year"][i] for row in kinds)}
        for i, year in enumerate(years)
    ]
    context.data["events_total"] = sum(row["total"] for row in kinds)
    # A few highlights: the largest events of the period.
    largest = (
        events.filter(participants__isnull=False)
        .select_related("city", "province")
        .order_by("-participants", "-start_on", "code")[:HIGHLIGHTS]
    )
    context.data["event_highlights"] = [
        {
            "title": e.title,
            "date": e.start_on,
            "kind": e.get_kind_display(),
            "place": str(e.city or e.province),
            "participants": e.participants,
        }
        for e in largest
    ]


EVENTS = DossierSection(60, _events)
