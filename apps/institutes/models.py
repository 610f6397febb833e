from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BilingualNameMixin, RecordModel, TimeStampedModel, pick_language
from apps.institutes.querysets import BranchQuerySet, InstituteQuerySet


class InstituteKind(models.TextChoices):
    REGIONAL = "regional", _("Regional research institute")
    LOCAL_GOVERNMENT = "local_government", _("Institute with a local government")


class JointInstitute(BilingualNameMixin, RecordModel):
    """A research institute the university runs with a region or a local government."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstituteKind.choices)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="institutes",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="institutes",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    partner = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("partner government"),
        related_name="institutes",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    established_on = models.DateField(_("established on"))
    focus_zh = models.TextField(_("focus (Chinese)"), blank=True)
    focus_en = models.TextField(_("focus (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    agreement = models.ForeignKey(
        "agreements.CooperationAgreement",
        verbose_name=_("agreement served"),
        related_name="institutes",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    objects = InstituteQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["established_on", "code"]
        verbose_name = _("joint research institute")
        verbose_name_plural = _("joint research institutes")
        indexes = [
            models.Index(fields=["established_on", "code"], name="institutes_inst_established"),
            models.Index(fields=["province", "city"], name="institutes_inst_region"),
        ]

    @property
    def focus(self):
        return pick_language(self.focus_zh, self.focus_en)


class Branch(BilingualNameMixin, TimeStampedModel):
    institute = models.ForeignKey(
        JointInstitute,
        verbose_name=_("institute"),
        related_name="branches",
        on_delete=models.CASCADE,
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city or district"),
        related_name="institute_branches",
        on_delete=models.PROTECT,
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    agreement = models.ForeignKey(
        "agreements.CooperationAgreement",
        verbose_name=_("agreement served"),
        related_name="branches",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    objects = BranchQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["institute", "name_zh"]
        verbose_name = _("branch")
        verbose_name_plural = _("branches")
        constraints = [
            models.UniqueConstraint(
                fields=["institute", "name_zh"], name="institutes_branch_unique_name"
            )
        ]
