"""The funds app's rules: where funds and their rows lie, what is published."""

from django.db.models import Q

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
)
registry.hook("funds.CooperationFund", stats="apps.funds.stats.fund_stats")
registry.hook("funds.CooperationFund", search="apps.funds.search.FUNDS")
