"""The agreements app's sections of a region's dossier (``apps.core.dossier``): the staff's
confidential contract figures, and the region's agreements."""

import datetime

from django.db.models import Count, Sum
from django.utils import timezone

from apps.agreements.models import AgreementStatus, Contract, CooperationAgreement
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


def in_force_on(agreement, day):
    """Whether the agreement is in force on ``day``: the lifecycle's one rule
    (``apps.agreements.lifecycle``)."""
    if day == timezone.localdate():
        return agreement.status == AgreementStatus.ACTIVE  # as read, for today
    return agreement.is_in_force_on(day)


def dossier_order(agreement, day):
    """The order a reader of a region's dossier wants: the provincial agreement first, then
    those in force before those ended, the latest ending (open-ended first) first."""
    return (
        agreement.city_id is not None,
        not in_force_on(agreement, day),
        -(agreement.end_on or datetime.date.max).toordinal(),
        -agreement.signed_on.toordinal(),
        agreement.number,
    )


def _agreements(context):
    """The region's agreements in ``dossier_order``; their targets are the outcomes app's
    section."""
    agreements = list(
        context.records_of(CooperationAgreement.objects.all())
        .select_related("organization")
        .order_by("-signed_on", "number")[:50]
    )
    agreements.sort(key=lambda a: dossier_order(a, context.today))
    context.records["agreements"] = agreements
    context.data["agreements"] = [
        {
            "number": a.number,
            "title": a.title,
            "kind": a.get_kind_display(),
            "in_force": in_force_on(a, context.today),
            "status": a.get_status_display(),
            "status_value": a.status,
            "term": a.term,
            "provincial": a.city_id is None,
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
