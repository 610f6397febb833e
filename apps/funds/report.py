"""The funds app's section of the annual report (``apps.core.report``): funds, their
contributions and grants."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from apps.core.report import ReportPart, ReportSection, money
from apps.funds.models import CooperationFund, FundContribution, FundGrant


def _funds(period):
    funds = (
        CooperationFund.objects.published()
        .in_region(period.region)
        .filter(established_on__lte=period.end)
    )
    totals = funds.aggregate(count=Count("pk"), committed=Sum("committed_amount"))
    contributed = (
        FundContribution.objects.all()
        .in_region(period.region)
        .filter(contributed_on__range=(period.start, period.end))
        .aggregate(total=Sum("amount"))["total"]
    )
    grants = (
        FundGrant.objects.all()
        .in_region(period.region)
        .filter(granted_on__range=(period.start, period.end))
        .aggregate(count=Count("pk"), total=Sum("amount"))
    )
    return ReportPart(
        headline=[
            (_("Cooperation funds"), totals["count"]),
            (_("Committed fund size (CNY)"), money(totals["committed"])),
            (_("Fund contributions received (CNY)"), money(contributed)),
            (_("Fund grants awarded"), grants["count"]),
            (_("Fund grants (CNY)"), money(grants["total"])),
        ]
    )


FUNDS = ReportSection(30, _funds)
