from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BilingualNameMixin, RecordModel, TimeStampedModel, pick_language
from apps.offices.querysets import (
    DutyQuerySet,
    OfficeQuerySet,
    PracticeBaseQuerySet,
)


class Duty(TimeStampedModel):
    """One of the six standing duties of a cooperation office, as the seed lists them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"))
    text_zh = models.TextField(_("text (Chinese)"))
    text_en = models.TextField(_("text (English)"))

    objects = DutyQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        verbose_name = _("office duty")
        verbose_name_plural = _("office duties")

    @property
    def text(self):
        return pick_language(self.text_zh, self.text_en)

    def __str__(self):
        return self.text


class CooperationOffice(BilingualNameMixin, RecordModel):
    """An office for industry–education–research cooperation in a key municipality or region."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="offices",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="offices",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # The office's own line and mailbox: public, unlike its contact person's below.
    office_phone = models.CharField(
        _("office telephone"),
        max_length=40,
        blank=True,
        help_text=_("The office's own number, shown publicly (not a person's)."),
    )
    office_email = models.EmailField(
        _("office e-mail"),
        blank=True,
        help_text=_("The office's own mailbox, shown publicly (not a person's address)."),
    )
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    duties = models.ManyToManyField(
        Duty, verbose_name=_("duties"), related_name="offices", blank=True
    )

    objects = OfficeQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["opened_on", "code"]
        verbose_name = _("cooperation office")
        verbose_name_plural = _("cooperation offices")
        indexes = [
            models.Index(fields=["opened_on", "code"], name="offices_office_opened"),
            models.Index(fields=["province", "city"], name="offices_office_region"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="offices_office_closed_after_opened",
            )
        ]


class PracticeBaseKind(models.TextChoices):
    TEACHER_INTERNSHIP = "teacher_internship", _("Internship base for teachers")
    POSTGRADUATE_PRACTICE = "postgraduate_practice", _("Social practice base for postgraduates")
    GRADUATE_PRACTICE = "graduate_practice", _("Practice base for new graduates")


class PracticeBase(BilingualNameMixin, TimeStampedModel):
    office = models.ForeignKey(
        CooperationOffice,
        verbose_name=_("office"),
        related_name="practice_bases",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PracticeBaseKind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("host organization"),
        related_name="practice_bases",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)

    objects = PracticeBaseQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "kind", "name_zh"]
        verbose_name = _("practice base")
        verbose_name_plural = _("practice bases")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name_zh"], name="offices_practicebase_unique_name"
            )
        ]
