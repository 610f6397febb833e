"""The offices app's statistics (``/api/v1/stats/offices/``)."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.stats import Measure, Stats, SummaryFigure, count_measure, regional_dimensions
from apps.offices.filters import CooperationOfficeFilterSet
from apps.offices.models import CooperationOffice


def office_stats():
    return Stats(
        "offices",
        "Office",
        order=70,
        source="offices",
        queryset=CooperationOffice.objects.all(),
        filterset_class=CooperationOfficeFilterSet,
        dimensions=regional_dimensions("opened_on"),
        measures=[
            count_measure(),
            Measure(
                "open",
                Count("pk", filter=Q(closed_on__isnull=True)),
                serializers.IntegerField(help_text=_("Offices still open.")),
                summary="extra",
            ),
        ],
        description="Cooperation offices counted by group.",
        summary_order=70,
        summary=(
            SummaryFigure(
                "offices",
                "count",
                serializers.IntegerField(help_text=_("Cooperation offices open now.")),
            ),
        ),
    )
