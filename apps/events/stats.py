"""The events app's statistics (``/api/v1/stats/events/``)."""

from django.db.models import IntegerField, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.stats import (
    Measure,
    Stats,
    SummaryFigure,
    choice_dimension,
    count_measure,
    department_dimension,
    regional_dimensions,
)
from apps.events.filters import ExchangeEventFilterSet
from apps.events.models import EventKind, ExchangeEvent


def event_stats():
    return Stats(
        "events",
        "Event",
        order=30,
        source="events",
        queryset=ExchangeEvent.objects.all(),
        filterset_class=ExchangeEventFilterSet,
        dimensions={
            **regional_dimensions("start_on"),
            "kind": choice_dimension("kind", EventKind),
            "department": department_dimension(),
        },
        measures=[
            count_measure(),
            Measure(
                "participants",
                Coalesce(Sum("participants"), Value(0), output_field=IntegerField()),
                serializers.IntegerField(help_text=_("Participants in all.")),
                summary="extra",
            ),
        ],
        description="Exchange events counted by group, with their participants.",
        summary_order=40,
        summary=(
            SummaryFigure(
                "events",
                "count",
                serializers.IntegerField(
                    help_text=_(
                        "Events held: their first day has come (announced ones are not counted)."
                    )
                ),
            ),
            SummaryFigure("event_participants", "extra", serializers.IntegerField()),
        ),
    )
