"""The events app's section of the annual report (``apps.core.report``): the year's events
held, by kind, with their participants."""

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from apps.core.report import IN_YEAR, ReportPart, ReportSection
from apps.events.models import EventKind, ExchangeEvent


def _events(period):
    # Held events only (the record type's ``counted`` rule): the current year's report leaves
    # out those announced for later in the year.
    events = (
        ExchangeEvent.objects.published()
        .counted()
        .in_region(period.region)
        .filter(start_on__range=(period.start, period.end))
    )
    rows = {
        row["kind"]: row
        for row in events.order_by()
        .values("kind")
        .annotate(count=Count("pk"), participants=Coalesce(Sum("participants"), 0))
    }
    by_kind = [
        (
            str(label),
            rows.get(kind, {}).get("count", 0),
            rows.get(kind, {}).get("participants", 0),
        )
        for kind, label in EventKind.choices
    ]

    def breakdown(group):
        grouped = (
            events.order_by().annotate(group=group).values("group").annotate(count=Count("pk"))
        )
        return {row["group"]: (row["count"],) for row in grouped}

    return ReportPart(
        headline=[
            (_("Exchange events"), sum(row[1] for row in by_kind)),
            (_("Event participants"), sum(row[2] for row in by_kind)),
        ],
        tables={"events_by_kind": by_kind},
        breakdown=breakdown,
        breakdown_empty=(0,),
    )


EVENTS = ReportSection(70, _events, counts=IN_YEAR)
