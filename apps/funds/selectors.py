"""Reads of published cooperation funds for the public pages."""

from decimal import Decimal

from django.db.models import Prefetch, Sum

from apps.core.links import reverser
from apps.core.pages import listed_record
from apps.funds.models import ContributingParty, CooperationFund, FundContribution, FundGrant


def public_fund_list(params=None):
    return (
        CooperationFund.objects.public()
        .select_related("province", "city")
        .order_by("established_on", "code")
    )


def public_fund_page(code):
    """The fund with its grants, and what each party has paid in (a sum per party)."""
    fund = (
        CooperationFund.objects.public()
        .select_related("province", "city", "government", "agreement")
        .prefetch_related(
            Prefetch(
                "grants",
                queryset=FundGrant.objects.select_related("project", "department").order_by(
                    "granted_on", "title"
                ),
            )
        )
        .get(code=code)
    )
    contributions = list(
        FundContribution.objects.filter(fund=fund)
        .values("party")
        .annotate(amount=Sum("amount"))
        .order_by("party")
    )
    labels = dict(ContributingParty.choices)
    for row in contributions:
        row["party_label"] = labels.get(row["party"], row["party"])
    paid = sum((row["amount"] for row in contributions), Decimal(0))
    return {"record": fund, "contributions": contributions, "paid": paid}


def public_funds_in_region(region, today, *, limit=50):
    url = reverser("public:fund_detail")
    return [
        listed_record(f, url, f.established_on, committed=float(f.committed_amount))
        for f in public_fund_list().in_region(region)[:limit]
    ]


def public_funds_on_map(today):
    return public_fund_list()


def committed_in_total(funds):
    """The home page's figure of the funds' committed size, all funds together."""
    return {"funds_committed": float(sum((fund.committed_amount for fund in funds), Decimal(0)))}


def committed_amount(total):
    """A region's figure of its funds' committed size (the summary tables' sum)."""
    return {"funds_committed": float(total.amount)}
