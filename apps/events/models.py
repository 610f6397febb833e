from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.agreements.lifecycle import validate_served_agreement
from apps.core.models import RecordModel, end_not_before_start, non_negative, pick_language
from apps.events.querysets import EventQuerySet


class EventKind(models.TextChoices):
    FAIR = "fair", _("Technology fair")
    MATCHMAKING = "matchmaking", _("Match-making session")
    TRAINING = "training", _("Training programme")
    VISIT = "visit", _("Visit or survey")
    FORUM = "forum", _("Forum or seminar")
    SIGNING = "signing", _("Signing ceremony")


class ExchangeEvent(RecordModel):
    """A technology exchange activity: fair, match-making, training programme, visit …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    start_on = models.DateField(_("starts on"))
    end_on = models.DateField(_("ends on"), null=True, blank=True)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="events",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="events",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    office = models.ForeignKey(
        "offices.CooperationOffice",
        verbose_name=_("cooperation office"),
        related_name="events",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        related_name="events",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    agreement = models.ForeignKey(
        "agreements.CooperationAgreement",
        verbose_name=_("agreement served"),
        related_name="events",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    organizer = models.CharField(_("organizer"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    outcomes_zh = models.TextField(_("outcomes (Chinese)"), blank=True)
    outcomes_en = models.TextField(_("outcomes (English)"), blank=True)

    objects = EventQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_on", "code"]
        verbose_name = _("exchange event")
        verbose_name_plural = _("exchange events")
        indexes = [
            models.Index(fields=["-start_on", "code"], name="events_event_start"),
            models.Index(fields=["province", "start_on"], name="events_event_province"),
            models.Index(fields=["city", "start_on"], name="events_event_city"),
            models.Index(fields=["kind", "start_on"], name="events_event_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=end_not_before_start(), name="events_exchangeevent_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(participants__isnull=True) | non_negative("participants"),
                name="events_exchangeevent_participants_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="events_exchangeevent_kind_allowed"
            ),
        ]

    @property
    def title(self):
        return pick_language(self.title_zh, self.title_en)

    @property
    def outcomes(self):
        return pick_language(self.outcomes_zh, self.outcomes_en)

    def clean(self):
        # An event serves only an agreement in force on the day it starts.
        validate_served_agreement(self, "start_on")

    def __str__(self):
        return f"{self.start_on} {self.title}"
