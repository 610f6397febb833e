"""Reads of what came of agreements: progress against targets and the trend by year.

Every function runs a fixed number of queries whatever the number of targets or linked
records: progress is one annotated query over the targets, the trend one grouped query per
source of outcomes.
"""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from apps.agreements.models import CooperationAgreement
from apps.core.pagecache import data_changed_at
from apps.outcomes.choices import METRICS, VALUE_METRICS, Progress, TargetMetric
from apps.outcomes.metrics import SOURCES
from apps.outcomes.models import AgreementTarget

# Value metrics whose outcome a public page may not show as a sum (each declares why: one
# agreement's contract value is a cell of the contract-value tables, published only under their
# disclosure rules; grant amounts are not published one by one either).
PUBLIC_WITHHELD = frozenset(value for value, metric in METRICS.items() if metric.withheld)


def target_rows(targets, *, on, public):
    """Plain rows of progress for already annotated targets (``with_progress``)."""
    rows = []
    for target in targets:
        withheld = public and target.metric in PUBLIC_WITHHELD
        quantity = float(target.quantity)
        actual = float(target.actual)
        rows.append(
            {
                "pk": target.pk,
                "agreement_id": target.agreement_id,
                "metric": target.metric,
                "label": target.get_metric_display(),
                "is_value": target.metric in VALUE_METRICS,
                "period_start": target.period_start,
                "period_end": target.period_end,
                "quantity": quantity,
                "baseline": None if withheld or target.baseline is None else float(target.baseline),
                "actual": None if withheld else actual,
                "expected": float(target.expected),
                "percent": None if withheld else round(100 * actual / quantity),
                "expected_percent": round(100 * target.elapsed_share),
                # A withheld outcome's progress would bound it: not given either.
                "progress": None if withheld else target.progress,
                # An ended period is history: met or missed, never behind.
                "ended": target.period_end < on,
                "progress_label": None if withheld else Progress(target.progress).label,
                "withheld": withheld,
                "contracts": None
                if target.contracts_counted is None
                else int(target.contracts_counted),
                "is_illustrative": target.is_illustrative,
                "note": target.note,
            }
        )
    return rows


def agreement_progress(agreement, *, on=None, public=False):
    """Progress of each of an agreement's targets as of ``on`` (one query)."""
    on = on or timezone.localdate()
    targets = AgreementTarget.objects.filter(agreement=agreement).with_progress(
        on=on, public=public
    )
    return target_rows(targets.order_by("period_start", "metric"), on=on, public=public)


def agreement_trend(agreement, *, on=None, public=False):
    """Outcomes of each year of the agreement up to ``on``: {metric: value} per year.

    One grouped query per source; years from the agreement's start (or its first outcome)
    to ``on``. Public trends leave out withheld metrics and count only published records.
    """
    on = on or timezone.localdate()
    by_year = {}
    for metric, sources in SOURCES.items():
        if public and metric in PUBLIC_WITHHELD:
            continue
        for source in sources:
            rows = (
                source.records(public=public)
                .filter(agreement=agreement, outcome_on__lte=on)
                .annotate(year=ExtractYear("outcome_on"))
                .values("year")
                .annotate(total=source.aggregate())
                .order_by()
            )
            for row in rows:
                year = by_year.setdefault(row["year"], {})
                year[metric] = year.get(metric, 0) + float(row["total"] or 0)
    begins = agreement.start_on or agreement.signed_on
    first = min([begins.year, *by_year]) if by_year else begins.year
    metrics = [m for m in SOURCES if not (public and m in PUBLIC_WITHHELD)]
    trend = []
    running = dict.fromkeys(metrics, 0)
    for year in range(first, on.year + 1):
        values = by_year.get(year, {})
        for metric in metrics:
            running[metric] += values.get(metric, 0)
        trend.append(
            {
                "year": year,
                "values": [values.get(metric, 0) for metric in metrics],
                "cumulative": [running[metric] for metric in metrics],
            }
        )
    return {
        "metrics": [(metric, TargetMetric(metric).label) for metric in metrics],
        "years": trend,
        "totals": [running[metric] for metric in metrics],
    }


def public_agreement(number):
    """A published agreement with its parties, or DoesNotExist."""
    return (
        CooperationAgreement.objects.published()
        .select_related("province", "city", "organization")
        .prefetch_related("scope_areas")
        .get(number=number)
    )


# The verdict of an agreement's running targets is the least favourable of them.
VERDICT_ORDER = (Progress.BEHIND, Progress.ON_TRACK, Progress.AHEAD, Progress.MET)


def verdict(targets):
    """The progress of the running targets shown (not withheld) taken together, or None."""
    running = {t["progress"] for t in targets if not t["ended"] and t["progress"]}
    for progress in VERDICT_ORDER:
        if progress in running:
            return {"progress": progress, "label": Progress(progress).label}
    return None


def public_renewals(agreement):
    """The published agreement it renews and those renewing it."""
    published = CooperationAgreement.objects.published()
    return {
        "renews": published.filter(pk=agreement.renews_id).first() if agreement.renews_id else None,
        "renewals": list(published.filter(renews=agreement).order_by("signed_on")),
    }


def public_agreement_outcomes(agreement, *, on=None):
    on = on or timezone.localdate()
    targets = agreement_progress(agreement, on=on, public=True)
    return {
        "as_of": data_changed_at(),
        "on": on,
        "targets": [t for t in targets if not t["ended"]],
        "history": [t for t in targets if t["ended"]],
        "verdict": verdict(targets),
        "trend": agreement_trend(agreement, on=on, public=True),
    }


def agreements_progress(agreements, *, on=None, public=False):
    """{agreement id: [target rows]} for many agreements in one query (region pages, dossier)."""
    on = on or timezone.localdate()
    targets = (
        AgreementTarget.objects.filter(agreement__in=agreements)
        .with_progress(on=on, public=public)
        .order_by("agreement", "period_start", "metric")
    )
    progress = {}
    for row in target_rows(targets, on=on, public=public):
        progress.setdefault(row["agreement_id"], []).append(row)
    return progress


def behind_target(*, on=None):
    """Targets behind as of ``on``, with their agreements, for staff (one query)."""
    on = on or timezone.localdate()
    return (
        AgreementTarget.objects.behind(on=on)
        .select_related("agreement__province", "agreement__city")
        .order_by("agreement__end_on", "agreement__number", "metric")
    )


def agreements_with_targets_behind(*, on=None):
    on = on or timezone.localdate()
    return CooperationAgreement.objects.filter(
        Q(pk__in=AgreementTarget.objects.behind(on=on).values("agreement"))
    )


def linked_counts(agreement):
    """How many records of each kind serve the agreement (staff, all records)."""
    return {
        source.model._meta.verbose_name_plural: source.model.objects.filter(
            agreement=agreement
        ).aggregate(total=Count("pk"))["total"]
        for source in {s.model: s for sources in SOURCES.values() for s in sources}.values()
    }
