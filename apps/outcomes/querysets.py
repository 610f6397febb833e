"""Targets with their progress computed in the database, as of any date, in one query."""

import datetime

from django.db import models
from django.db.models import (
    Case,
    DecimalField,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least

from apps.core.querysets import RecordQuerySet
from apps.core.registry import Parent, RegionPath, registry
from apps.outcomes.choices import METRICS, Progress
from apps.outcomes.metrics import SOURCES

AMOUNT = DecimalField(max_digits=18, decimal_places=2)
# Actual progress under this share of the expected progress is "behind"; over the upper one,
# "ahead". Between them an agreement is on target.
BEHIND_BELOW = 0.9
AHEAD_ABOVE = 1.1


class ElapsedShare(Func):
    """The share of the days from ``start`` to ``end`` (both included) gone by on ``on``,
    between 0 and 1."""

    output_field = FloatField()

    def __init__(self, start, end, on):
        super().__init__(start, end, Value(on, output_field=models.DateField()))

    def as_sql(self, compiler, connection, **extra):
        (start, start_params), (end, end_params), (on, on_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        sql = (
            f"LEAST(1.0, GREATEST(0.0, (({on})::date - ({start})::date + 1)::float"
            f" / (({end})::date - ({start})::date + 1)))"
        )
        return sql, (*on_params, *start_params, *end_params, *start_params)


def _actual(metric, on, *, public):
    """Subquery: the metric's outcome of the target's agreement within its period up to ``on``."""
    parts = []
    for source in SOURCES[metric]:
        rows = (
            source.records(public=public)
            .filter(
                agreement=OuterRef("agreement"),
                outcome_on__gte=OuterRef("period_start"),
                outcome_on__lte=Least(OuterRef("period_end"), Value(on)),
            )
            .order_by()
            .values("agreement")
            .annotate(total=source.aggregate())
            .values("total")
        )
        parts.append(Coalesce(Subquery(rows), Value(0), output_field=AMOUNT))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


class TargetQuerySet(RecordQuerySet):
    def with_progress(self, *, on=None, public=False):
        """Annotate ``actual``, ``expected`` (by the time elapsed) and ``progress`` as of ``on``.

        With ``public``, only published records count and only targets of public agreements
        are kept. One query whatever the number of targets or linked records.
        """
        on = on or datetime.date.today()
        targets = self.published() if public else self
        actual = Case(
            *[When(metric=metric, then=_actual(metric, on, public=public)) for metric in SOURCES],
            default=Value(0),
            output_field=AMOUNT,
        )
        share = ElapsedShare(F("period_start"), F("period_end"), on)
        # Beside a withheld value, how many records it adds up (what the public may see): a
        # contract value's contracts.
        contracts = Case(
            *[
                When(metric=value, then=_actual(metric.beside, on, public=public))
                for value, metric in METRICS.items()
                if metric.beside
            ],
            default=None,
            output_field=AMOUNT,
        )
        return targets.annotate(
            actual=actual,
            contracts_counted=contracts,
            elapsed_share=share,
            expected=ExpressionFloat(F("quantity")) * share,
        ).annotate(
            progress=Case(
                When(period_start__gt=on, then=Value(Progress.NOT_STARTED)),
                When(actual__gte=F("quantity"), then=Value(Progress.MET)),
                # Only a running period can be behind: an ended one was met or missed.
                When(period_end__lt=on, then=Value(Progress.MISSED)),
                When(
                    Q(actual__lt=F("expected") * BEHIND_BELOW),
                    then=Value(Progress.BEHIND),
                ),
                When(actual__gt=F("expected") * AHEAD_ABOVE, then=Value(Progress.AHEAD)),
                default=Value(Progress.ON_TRACK),
                output_field=models.CharField(),
            )
        )

    def running(self, *, on=None):
        """Targets whose period runs on ``on``."""
        on = on or datetime.date.today()
        return self.filter(period_start__lte=on, period_end__gte=on)

    def behind(self, *, on=None):
        """Targets of a running period behind the progress expected by ``on``."""
        return self.running(on=on).with_progress(on=on).filter(progress=Progress.BEHIND)


class ExpressionFloat(Func):
    template = "(%(expressions)s)::float"
    output_field = FloatField()


# A target lies where its agreement does, and is published with it.
registry.register(
    "outcomes.AgreementTarget",
    regions=(
        RegionPath("agreement__province", "agreement__city"),
        RegionPath("agreement__organization__province", "agreement__organization__city"),
    ),
    published=Parent("agreement"),
    demo="apps.outcomes.demo.TARGETS",
    # Targets are set by headquarters with the partner; offices do not see them in the admin.
    office_staff=(),
    dossier="apps.outcomes.dossier.TARGETS",
)
