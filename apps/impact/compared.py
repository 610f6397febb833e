"""The impact records' figures on the page of two regions (``apps.core.pages.ComparedFigures``):
the measures counted in people, enterprises, patents and platforms of the verified public
records, added up by the year they report on. Amounts (output value, tax) are left out: a
region's page gives none either."""

from django.db.models import Sum
from django.utils.translation import pgettext_lazy

from apps.core.pages import ComparedFigures
from apps.impact.choices import MEASURES
from apps.impact.models import ImpactRecord

COUNTED_MEASURES = tuple((field, label) for field, label, kind in MEASURES if kind == "count")


def compared_counts(region, last):
    by_year = (
        ImpactRecord.objects.published()
        .in_region(region)
        .values("report_year")
        .annotate(**{field: Sum(field) for field, _label in COUNTED_MEASURES})
        .order_by()
    )
    years = {row["report_year"]: row for row in by_year}
    counts = {}
    for field, _label in COUNTED_MEASURES:
        counts[field] = (
            sum(row[field] or 0 for row in years.values()),
            (years.get(last) or {}).get(field) or 0,
            (years.get(last - 1) or {}).get(field) or 0,
        )
    return counts


COMPARED = ComparedFigures(
    figures=COUNTED_MEASURES,
    counts=compared_counts,
    note=pgettext_lazy("impact", "verified impact records, by the year they report on"),
)
