"""The agreements app's statistics (``/api/v1/stats/contracts/``, ``/agreements/``)."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.agreements.filters import ContractFilterSet, CooperationAgreementFilterSet
from apps.agreements.models import (
    AgreementKind,
    AgreementStatus,
    Contract,
    ContractKind,
    ContractStatus,
    CooperationAgreement,
)
from apps.core.stats import (
    CubeColumn,
    Measure,
    Stats,
    SummaryFigure,
    choice_dimension,
    count_measure,
    department_dimension,
    money_field,
    regional_cube,
    regional_dimensions,
)


def contract_stats():
    return Stats(
        "contracts",
        "Contract",
        order=10,
        source="contracts",
        queryset=Contract.objects.all(),
        filterset_class=ContractFilterSet,
        dimensions={
            **regional_dimensions("signed_on"),
            "kind": choice_dimension("kind", ContractKind),
            "status": choice_dimension("status", ContractStatus),
            "department": department_dimension(),
        },
        measures=[
            count_measure(),
            Measure(
                "total_amount",
                Sum("amount"),
                money_field(_("Sum of the contracts' amounts (CNY); null when withheld.")),
                confidential=True,
                summary="amount",
            ),
        ],
        description="Technology contracts counted and summed by group.",
        cube={
            **regional_cube("signed_on"),
            "kind": CubeColumn("kind"),
            "status": CubeColumn("status"),
            "department": CubeColumn("department_id", model="core.Department"),
        },
        summary_order=10,
        summary=(
            SummaryFigure("contracts", "count", serializers.IntegerField()),
            SummaryFigure(
                "contract_amount",
                "amount",
                money_field(_("Sum of the contracts' amounts (CNY); null when withheld.")),
            ),
            SummaryFigure(
                "contract_amount_withheld",
                "withheld",
                serializers.BooleanField(
                    help_text=_("The sum is withheld (too few contracts, or it would reveal one).")
                ),
            ),
        ),
    )


def agreement_stats():
    return Stats(
        "agreements",
        "Agreement",
        order=20,
        source="agreements",
        queryset=CooperationAgreement.objects.all(),
        filterset_class=CooperationAgreementFilterSet,
        dimensions={
            **regional_dimensions("signed_on"),
            "kind": choice_dimension("kind", AgreementKind),
            "status": choice_dimension("status", AgreementStatus),
        },
        measures=[count_measure()],
        description="Framework agreements counted by group.",
        summary_order=20,
        summary=(SummaryFigure("agreements", "count", serializers.IntegerField()),),
    )
