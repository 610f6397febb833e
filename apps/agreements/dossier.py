"""The agreements app's sections of a region's dossier (``apps.core.dossier``): the staff's
confidential contract figures, and the region's agreements."""

from django.db.models import Count, Sum

from apps.agreements.models import Contract, CooperationAgreement
from apps.core.dossier import DossierSection

CONFIDENTIAL_YEARS = 5


def _confidential(context):
    """Every contract of the region, public or not, with its total value (staff only)."""
    if not context.staff:
        context.data["confidential"] = None
        return
    contracts = Contract.objects.counted().in_region(context.region)
    totals = contracts.aggregate(contracts=Count("pk"), value=Sum("amount"))
    by_year = list(
        contracts.values("signed_on__year")
        .annotate(contracts=Count("pk"), value=Sum("amount"))
        .order_by("-signed_on__year")[:CONFIDENTIAL_YEARS]
    )
    context.data["confidential"] = {
        "contracts": totals["contracts"],
        "value": float(totals["value"] or 0),
        "by_year": [
            {
                "year": row["signed_on__year"],
                "contracts": row["contracts"],
                "value": float(row["value"]),
            }
            for row in by_year
        ],
    }


def _agreements(context):
    """The region's agreements, newest first; their targets are the outcomes app's section."""
    agreements = list(
        context.records_of(CooperationAgreement.objects.all())
        .select_related("organization")
        .order_by("-signed_on", "number")[:50]
    )
    context.records["agreements"] = agreements
    context.data["agreements"] = [
        {
            "number": a.number,
            "title": a.title,
            "kind": a.get_kind_display(),
            "status": a.get_status_display(),
            "status_value": a.status,
            "term": a.term,
            "signed_on": a.signed_on,
            "end_on": a.end_on,
            "party": str(a.organization or ""),
            "is_public": a.is_public,
            "targets": [],
        }
        for a in agreements
    ]


CONFIDENTIAL = DossierSection(10, _confidential)
AGREEMENTS = DossierSection(20, _agreements)
