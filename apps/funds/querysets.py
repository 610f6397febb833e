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
    save="apps.funds.services.fund_save",
    pages="apps.funds.pages.PAGES",
)
registry.register(
    "funds.FundContribution",
    regions=(RegionPath("fund__province", "fund__city"),),
    published=Parent("fund"),
    save="apps.funds.services.contribution_save",
)
registry.register(
    "funds.FundGrant",
    regions=(RegionPath("fund__province", "fund__city"),),
    published=Parent("fund"),
    save="apps.funds.services.grant_save",
)
registry.hook("funds.CooperationFund", stats="apps.funds.stats.fund_stats")
registry.hook("funds.CooperationFund", search="apps.funds.search.FUNDS")
