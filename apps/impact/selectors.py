"""Reads of impact records for the public pages: verified, published records only (the
registry's rule), with how much evidence each rests on (a count, never the files)."""

from django.db.models import Count, IntegerField, Max, Min, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from apps.impact.choices import MEASURES
from apps.impact.models import Evidence, ImpactRecord


def _evidence_count():
    rows = (
        Evidence.objects.filter(record=OuterRef("pk"))
        .order_by()
        .values("record")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def public_impact_list(params=None):
    return (
        ImpactRecord.objects.published()
        .select_related("province", "city", "project", "institute", "office", "agreement")
        .annotate(evidence_count=_evidence_count())
        .order_by("-report_year", "code")
    )


def measures_of(record):
    """The record's figures as (label, value, is a sum of money), those it reports."""
    return [
        (str(label), getattr(record, field), kind == "value")
        for field, label, kind in MEASURES
        if getattr(record, field) is not None
    ]


def public_impact_page(code):
    record = public_impact_list().get(code=code)
    return {"record": record, "measures": measures_of(record)}


def public_impact_in_region(region, today):
    """A region page's results: the verified figures summed over the region's published
    records (one query), with the years they cover."""
    records = ImpactRecord.objects.published().in_region(region).order_by()
    totals = records.aggregate(
        records=Count("pk"),
        **{f"{field}_total": Sum(field) for field, _label, _kind in MEASURES},
        **{f"{field}_reports": Count(field) for field, _label, _kind in MEASURES},
        first=Min("report_year"),
        last=Max("report_year"),
    )
    return {
        "records": totals["records"],
        "first_year": totals["first"],
        "last_year": totals["last"],
        "totals": [
            {
                "label": str(label),
                "value": float(totals[f"{field}_total"]),
                "is_value": kind == "value",
                "reports": totals[f"{field}_reports"],
            }
            for field, label, kind in MEASURES
            if totals[f"{field}_total"] is not None
        ],
    }
