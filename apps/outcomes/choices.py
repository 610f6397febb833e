"""The target metrics an agreement may set: those the domain apps declare (their record
types' ``outcomes`` hooks, ``apps.core.outcomes``), in their declared order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.registry import registry


def declared_outcomes():
    """(record type, ``Outcomes``) of every record type that declares its part in the
    outcomes, in the registry's order."""
    return [
        (record_type, record_type.hook("outcomes"))
        for record_type in registry.all()
        if record_type.hook("outcomes") is not None
    ]


def _declared_metrics():
    metrics = {}
    for _record_type, outcomes in declared_outcomes():
        for metric in outcomes.metrics:
            if metric.value in metrics:
                raise ValueError(f"Target metric {metric.value} is declared twice")
            metrics[metric.value] = metric
    return {m.value: m for m in sorted(metrics.values(), key=lambda m: m.position)}


# {value: apps.core.outcomes.Metric}, in order.
METRICS = _declared_metrics()

TargetMetric = models.TextChoices(
    "TargetMetric",
    [(metric.value.upper(), (metric.value, metric.label)) for metric in METRICS.values()],
    module=__name__,
)

# Metrics measured in money: a sum of amounts rather than a count.
VALUE_METRICS = frozenset(value for value, metric in METRICS.items() if metric.is_value)


class Progress(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    MET = "met", _("Met")
    # A period that ended short of its target: history, never "behind".
    MISSED = "missed", _("Missed")
    AHEAD = "ahead", _("Ahead of target")
    ON_TRACK = "on_track", _("On target")
    BEHIND = "behind", _("Behind target")
