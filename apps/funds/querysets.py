"""The funds app's rules: where funds and their rows lie, what is published."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry


class FundQuerySet(RecordQuerySet):
    pass


class FundContributionQuerySet(RecordQuerySet):
    pass


class FundGrantQuerySet(RecordQuerySet):
    pass


registry.register(
    "funds.CooperationFund",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    demo="apps.funds.demo.FUNDS_STEP",
    synthetic="apps.funds.synthetic.FUNDS",
    export="apps.funds.api.exports.FUNDS",
    api=("funds", "apps.funds.api.views.FundViewSet", "fund"),
    figures=dict(
        name="funds", order=50, date_field="established_on", amount_field="committed_amount"
    ),
    open_data=dict(
        key="funds",
        order=40,
        title=pgettext_lazy("open data", "Cooperation funds"),
        description=pgettext_lazy(
            "open data",
            "Funds set up with local governments: place, date established, committed size.",
        ),
    ),
    open_data_figure=dict(
        column="funds_established",
        order=50,
        date_field="established_on",
        title=pgettext_lazy("open data", "Cooperation funds established"),
    ),
    report="apps.funds.report.FUNDS",
    pages="apps.funds.pages.PAGES",
)
registry.register(
    "funds.FundContribution",
    regions=(RegionPath("fund__province", "fund__city"),),
    published=Parent("fund"),
)
registry.register(
    "funds.FundGrant",
    regions=(RegionPath("fund__province", "fund__city"),),
    published=Parent("fund"),
    outcomes="apps.funds.outcomes.GRANTS",
    results="apps.funds.results.GRANTS",
)
registry.hook("funds.CooperationFund", stats="apps.funds.stats.fund_stats")
registry.hook("funds.CooperationFund", search="apps.funds.search.FUNDS")
