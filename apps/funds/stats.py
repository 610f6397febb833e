"""The funds app's statistics (``/api/v1/stats/funds/``)."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.stats import (
    Measure,
    Stats,
    SummaryFigure,
    count_measure,
    money_field,
    regional_dimensions,
)
from apps.funds.filters import CooperationFundFilterSet
from apps.funds.models import CooperationFund


def fund_stats():
    return Stats(
        "funds",
        "Fund",
        order=50,
        source="funds",
        queryset=CooperationFund.objects.all(),
        filterset_class=CooperationFundFilterSet,
        dimensions=regional_dimensions("established_on"),
        measures=[
            count_measure(),
            Measure(
                "committed_amount",
                Sum("committed_amount"),
                money_field(_("Committed size of the funds (CNY).")),
                summary="amount",
            ),
        ],
        description="Cooperation funds counted by group, with their committed size.",
        summary_order=50,
        summary=(
            SummaryFigure("funds", "count", serializers.IntegerField()),
            SummaryFigure(
                "fund_committed_amount",
                "amount",
                money_field(_("Committed size of the funds (CNY).")),
            ),
        ),
    )
