from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.outcomes.choices import VALUE_METRICS, TargetMetric
from apps.outcomes.querysets import TargetQuerySet


class AgreementTarget(TimeStampedModel):
    """What an agreement set out to achieve in a period: a quantity of one metric.

    Progress is never stored: it is computed from the records linked to the agreement
    (``TargetQuerySet.with_progress``), so it is right as of any date.
    """

    agreement = models.ForeignKey(
        "agreements.CooperationAgreement",
        verbose_name=_("agreement"),
        related_name="targets",
        on_delete=models.CASCADE,
    )
    metric = models.CharField(_("metric"), max_length=20, choices=TargetMetric.choices)
    quantity = models.DecimalField(
        _("target quantity"),
        max_digits=16,
        decimal_places=2,
        help_text=_("A count, or an amount in CNY for value metrics."),
    )
    # RIS3's baseline: where the metric stood before the period, against which the target
    # and what has come of it are read.
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Where the metric stood before the period (for example the region's figure in the "
            "year before the agreement), in the target's unit. Leave empty if unknown."
        ),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Demo data made up to illustrate the seed's figures, not a real record."),
    )

    objects = TargetQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "period_start", "metric"]
        verbose_name = _("agreement target")
        verbose_name_plural = _("agreement targets")
        indexes = [
            models.Index(
                fields=["agreement", "period_start", "metric"], name="outcomes_target_order"
            ),
            models.Index(fields=["period_end"], name="outcomes_target_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="outcomes_agreementtarget_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(baseline__gte=0) | Q(baseline__isnull=True),
                name="outcomes_agreementtarget_baseline_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="outcomes_agreementtarget_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(metric__in=TargetMetric.values),
                name="outcomes_agreementtarget_metric_allowed",
            ),
            models.UniqueConstraint(
                fields=["agreement", "metric", "period_start"],
                name="outcomes_agreementtarget_unique_metric_period",
            ),
        ]

    def __str__(self):
        return f"{self.get_metric_display()} {self.period_start:%Y}–{self.period_end:%Y}"

    @property
    def is_value(self):
        return self.metric in VALUE_METRICS
