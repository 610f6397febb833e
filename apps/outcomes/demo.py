"""The outcomes' part of the demo data (``apps.core.demo``): illustrative targets of the demo
agreements, sized from what the demo records achieve, so that the agreements come out in turn
ahead of, on and behind target.

Reads from the loader: ``agreement_ids`` (agreements); runs after every record that counts.
"""

import datetime
from decimal import Decimal

from apps.agreements.models import CooperationAgreement
from apps.core.demo import DemoStep, upsert
from apps.events.demo import FIRST_EVENT_YEAR
from apps.outcomes.choices import VALUE_METRICS, TargetMetric
from apps.outcomes.models import AgreementTarget
from apps.outcomes.services import records_link_default_agreements

# (ratio of the outcome so far to the outcome expected by now): ahead, on and behind.
TARGET_PACES = (1.35, 1.0, 0.6)
PROVINCE_METRICS = (
    TargetMetric.CONTRACTS,
    TargetMetric.CONTRACT_VALUE,
    TargetMetric.EVENTS,
    TargetMetric.PEOPLE_TRAINED,
)
CITY_METRICS = (TargetMetric.CONTRACTS, TargetMetric.EVENTS)


def load_targets(loader):
    """Records are first linked to their region's agreement in force (the same default staff
    get). Province-wide agreements get targets for the part of the current five-year period
    within their term (a term over before it: for the whole term, now history); city
    agreements for their whole term."""
    records_link_default_agreements()
    current = (
        datetime.date(loader.today.year - 2, 1, 1),
        datetime.date(loader.today.year + 2, 12, 31),
    )
    terms = {
        pk: (start_on or signed_on, end_on)
        for pk, signed_on, start_on, end_on in CooperationAgreement._base_manager.filter(
            pk__in=loader.agreement_ids.values()
        ).values_list("pk", "signed_on", "start_on", "end_on")
    }
    planned = []
    for number, pk in sorted(loader.agreement_ids.items()):
        begins, ends = terms[pk]
        if number.startswith("DEMO-AGR-P"):
            metrics = PROVINCE_METRICS
            if ends is not None and ends < current[0]:
                # A term over before the current period: its targets are history (met or not).
                period = (begins, ends)
            else:
                period = (max(begins, current[0]), min(ends or current[1], current[1]))
        elif number.startswith("DEMO-AGR-C"):
            metrics = CITY_METRICS
            period = (begins, ends)
        else:
            continue
        if period[0] > period[1]:
            continue
        # Events are recorded from FIRST_EVENT_YEAR on: no events target before.
        metrics = [
            metric
            for metric in metrics
            if metric != TargetMetric.EVENTS or period[1].year > FIRST_EVENT_YEAR
        ]
        for metric in metrics:
            planned.append(
                AgreementTarget(
                    agreement_id=pk,
                    metric=metric,
                    quantity=Decimal(1),
                    period_start=period[0],
                    period_end=period[1],
                    note="示意目标（演示数据）",
                    is_illustrative=True,
                )
            )
    # Placeholders first: the outcomes are computed per target, whatever its quantity.
    upsert(AgreementTarget, planned, ["agreement", "metric", "period_start"])
    outcomes = {
        (target.agreement_id, target.metric): target
        for target in AgreementTarget.objects.filter(
            agreement_id__in=[target.agreement_id for target in planned]
        ).with_progress(on=loader.today)
    }
    paces = {}
    for target in planned:
        pace = paces.setdefault(target.agreement_id, TARGET_PACES[len(paces) % len(TARGET_PACES)])
        known = outcomes[(target.agreement_id, target.metric)]
        target.quantity = target_quantity(
            target.metric, float(known.actual), known.elapsed_share, pace
        )
    # A renewal's baseline is what the term it renews achieved in its period (RIS3 reads a
    # target against where the metric stood before).
    renews = dict(
        CooperationAgreement._base_manager.filter(
            pk__in=[target.agreement_id for target in planned], renews__isnull=False
        ).values_list("pk", "renews_id")
    )
    for target in planned:
        before = outcomes.get((renews.get(target.agreement_id), target.metric))
        target.baseline = before.actual if before is not None else None
    upsert(AgreementTarget, planned, ["agreement", "metric", "period_start"])


def target_quantity(metric, actual, share, pace):
    """The quantity at which ``actual`` is ``pace`` times the progress expected by now."""
    if actual <= 0:
        return Decimal(1_000_000 if metric in VALUE_METRICS else 5)
    quantity = actual / (max(share, 0.05) * pace)
    step = 10_000 if metric in VALUE_METRICS else 1
    return Decimal(max(step, round(quantity / step) * step))


TARGETS = DemoStep(120, load_targets)
