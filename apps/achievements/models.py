"""The achievements catalogue (科技成果): what the university offers partners to license."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from apps.achievements.querysets import AchievementQuerySet, PatentQuerySet
from apps.core.models import RecordModel, TimeStampedModel, pick_language
from apps.requests.choices import Industry

TRL_MIN, TRL_MAX = 1, 9


class Readiness(models.IntegerChoices):
    """Technology readiness levels (GB/T 22900-2022's nine levels)."""

    PRINCIPLES = 1, _("TRL 1 · basic principles observed")
    CONCEPT = 2, _("TRL 2 · technology concept formulated")
    PROOF = 3, _("TRL 3 · proof of concept")
    LAB = 4, _("TRL 4 · validated in the laboratory")
    RELEVANT = 5, _("TRL 5 · validated in a relevant environment")
    DEMONSTRATED = 6, _("TRL 6 · demonstrated in a relevant environment")
    PROTOTYPE = 7, _("TRL 7 · prototype demonstrated in operation")
    QUALIFIED = 8, _("TRL 8 · system complete and qualified")
    PROVEN = 9, _("TRL 9 · proven in production")


class LicensingMode(models.TextChoices):
    TRANSFER = "transfer", _("Transfer")
    LICENCE = "licence", _("Licence")
    EQUITY = "equity", _("Equity investment")
    CODEVELOPMENT = "codevelopment", _("Co-development")


class PatentStatus(models.TextChoices):
    FILED = "filed", _("Filed")
    GRANTED = "granted", _("Granted")
    LAPSED = "lapsed", _("Lapsed")


# Each licensing mode is a column of its own (offers_<mode>): a plain true/false in every
# channel (API, downloads, open data), filtered by ``mode`` (apps.achievements.filters).
MODE_FIELDS = {mode: f"offers_{mode}" for mode in LicensingMode.values}


class Achievement(RecordModel):
    """A research result the university offers to partners, with its non-confidential summary."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_zh = models.TextField(
        _("non-confidential summary (Chinese)"),
        help_text=_("Shown publicly: nothing confidential."),
    )
    summary_en = models.TextField(_("non-confidential summary (English)"), blank=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    field_zh = models.CharField(_("technical field (Chinese)"), max_length=200, blank=True)
    field_en = models.CharField(_("technical field (English)"), max_length=300, blank=True)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        related_name="achievements",
        on_delete=models.PROTECT,
    )
    experts_zh = models.CharField(_("experts (Chinese)"), max_length=300, blank=True)
    experts_en = models.CharField(_("experts (English)"), max_length=400, blank=True)
    maturity = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        choices=Readiness.choices,
        validators=[MinValueValidator(TRL_MIN), MaxValueValidator(TRL_MAX)],
    )
    offers_transfer = models.BooleanField(_("offered for transfer"), default=False)
    offers_licence = models.BooleanField(_("offered for licence"), default=False)
    offers_equity = models.BooleanField(_("offered as equity investment"), default=False)
    offers_codevelopment = models.BooleanField(_("offered for co-development"), default=False)
    terms_negotiable = models.BooleanField(
        _("terms negotiable"),
        default=True,
        help_text=_("Untick to state the terms below."),
    )
    terms_zh = models.TextField(_("stated terms (Chinese)"), blank=True)
    terms_en = models.TextField(_("stated terms (English)"), blank=True)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province where applied"),
        related_name="achievements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city where applied"),
        related_name="achievements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    listed_on = models.DateField(_("listed on"))

    objects = AchievementQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-listed_on", "code"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        indexes = [
            models.Index(fields=["listed_on", "code"], name="achievements_listed"),
            models.Index(fields=["province", "city"], name="achievements_region"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(maturity__gte=TRL_MIN) & Q(maturity__lte=TRL_MAX),
                name="achievements_maturity_1_to_9",
            ),
            models.CheckConstraint(
                condition=Q(offers_transfer=True)
                | Q(offers_licence=True)
                | Q(offers_equity=True)
                | Q(offers_codevelopment=True),
                name="achievements_offers_a_mode",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def name(self):
        return self.title

    @property
    def title(self):
        return pick_language(self.title_zh, self.title_en)

    @property
    def summary(self):
        return pick_language(self.summary_zh, self.summary_en)

    @property
    def technical_field(self):
        return pick_language(self.field_zh, self.field_en)

    @property
    def experts(self):
        return pick_language(self.experts_zh, self.experts_en)

    @property
    def terms(self):
        return pick_language(self.terms_zh, self.terms_en)

    @property
    def modes(self):
        """The licensing modes offered, as values of ``LicensingMode``."""
        return [mode for mode, field in MODE_FIELDS.items() if getattr(self, field)]

    def get_modes_display(self):
        labels = dict(LicensingMode.choices)
        return [labels[mode] for mode in self.modes]

    def clean(self):
        super().clean()
        errors = {}
        if not self.modes:
            errors["offers_licence"] = _("Offer at least one licensing mode.")
        if not self.terms_negotiable and not (self.terms_zh or self.terms_en):
            errors["terms_zh"] = _("State the terms, or mark them negotiable.")
        if self.city_id and not self.province_id:
            errors["province"] = _("A city needs its province.")
        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            errors["city"] = _("The city is not in this province.")
        if errors:
            raise ValidationError(errors)


class Patent(TimeStampedModel):
    """A patent protecting an achievement."""

    achievement = models.ForeignKey(
        Achievement,
        verbose_name=_("achievement"),
        related_name="patents",
        on_delete=models.CASCADE,
    )
    number = models.CharField(_("patent number"), max_length=40)
    status = models.CharField(_("status"), max_length=20, choices=PatentStatus.choices)
    filed_on = models.DateField(pgettext_lazy("patent", "filed on"))
    granted_on = models.DateField(pgettext_lazy("patent", "granted on"), null=True, blank=True)

    objects = PatentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["achievement", "filed_on", "number"]
        verbose_name = _("patent")
        verbose_name_plural = _("patents")
        constraints = [
            models.UniqueConstraint(
                fields=["achievement", "number"], name="achievements_patent_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(granted_on__isnull=True) | Q(granted_on__gte=models.F("filed_on")),
                name="achievements_patent_granted_after_filed",
            ),
        ]

    def __str__(self):
        return self.number

    def clean(self):
        super().clean()
        if self.status == PatentStatus.GRANTED and not self.granted_on:
            raise ValidationError({"granted_on": _("A granted patent has its grant date.")})
        if self.granted_on and self.filed_on and self.granted_on < self.filed_on:
            raise ValidationError({"granted_on": _("A patent is granted after it is filed.")})
