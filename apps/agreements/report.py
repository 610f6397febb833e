"""The agreements app's sections of the annual report (``apps.core.report``): technology
contracts with their payments, and framework agreements."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.agreements.models import Contract, ContractKind, CooperationAgreement, Payment
from apps.core.report import IN_YEAR, ReportPart, ReportSection, money


def _contracts(period):
    contracts = (
        Contract.objects.published()
        .in_region(period.region)
        .filter(signed_on__range=(period.start, period.end))
    )
    totals = contracts.aggregate(count=Count("pk"), amount=Sum("amount"))
    by_kind = {
        row["kind"]: row
        for row in contracts.order_by()
        .values("kind")
        .annotate(count=Count("pk"), amount=Sum("amount"))
    }
    received = (
        Payment.objects.all()
        .in_region(period.region)
        .filter(
            received_on__range=(period.start, period.end),
            contract__in=Contract.objects.published(),
        )
        .aggregate(total=Sum("amount"))["total"]
    )
    largest = [
        (c.number, c.title, c.organization.name, c.department.name, money(c.amount))
        for c in contracts.select_related("organization", "department").order_by(
            "-amount", "number"
        )[:15]
    ]

    def breakdown(group):
        rows = (
            contracts.order_by()
            .annotate(group=group)
            .values("group")
            .annotate(count=Count("pk"), amount=Sum("amount"))
        )
        return {row["group"]: (row["count"], money(row["amount"])) for row in rows}

    return ReportPart(
        headline=[
            (_("Technology contracts signed"), totals["count"]),
            (_("Contract value signed (CNY)"), money(totals["amount"])),
            (_("Payments received (CNY)"), money(received)),
        ],
        tables={
            "contracts_by_kind": [
                (
                    str(label),
                    by_kind.get(kind, {}).get("count", 0),
                    money(by_kind.get(kind, {}).get("amount")),
                )
                for kind, label in ContractKind.choices
            ],
            "largest_contracts": largest,
        },
        breakdown=breakdown,
        breakdown_empty=(0, money(None)),
    )


def _agreements(period):
    agreements = (
        CooperationAgreement.objects.published()
        .in_region(period.region)
        .filter(signed_on__range=(period.start, period.end))
    )
    return ReportPart(
        headline=[(_("Framework agreements signed"), agreements.count())],
        tables={
            "agreements": [
                (agreement.number, agreement.title, agreement.signed_on.isoformat())
                for agreement in agreements.order_by("signed_on", "number")[:30]
            ]
        },
    )


CONTRACTS = ReportSection(
    10, _contracts, step=gettext_lazy("Contracts and payments"), counts=IN_YEAR
)
AGREEMENTS = ReportSection(
    20, _agreements, step=gettext_lazy("Agreements, funds and institutes"), counts=IN_YEAR
)
