"""The fund grants' link in an agreement's results chain (``apps.core.results``)."""

from django.db.models import Count, Sum
from django.utils.translation import pgettext_lazy

from apps.core.results import OUTPUT, PROJECTS_AND_GRANTS, ChainLink, Indicator
from apps.funds.models import FundGrant


def _grants(*, public):
    grants = FundGrant.objects.all()
    return grants.published() if public else grants


GRANTS = ChainLink(
    stage=PROJECTS_AND_GRANTS,
    records=_grants,
    position=10,
    indicators=(
        Indicator(
            "grants",
            pgettext_lazy("results chain", "Fund grants awarded"),
            Count("pk"),
            kind=OUTPUT,
        ),
        Indicator(
            "grant_value",
            pgettext_lazy("results chain", "Value of fund grants"),
            Sum("amount"),
            kind=OUTPUT,
            is_value=True,
            # Grant amounts are not published one by one, so neither is their sum per agreement.
            withheld=True,
            beside="grants",
            metric="fund_grants",
        ),
    ),
)
