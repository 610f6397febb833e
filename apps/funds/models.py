from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.agreements.lifecycle import validate_served_agreement
from apps.core.models import BilingualNameMixin, RecordModel, TimeStampedModel, non_negative
from apps.funds.querysets import (
    FundContributionQuerySet,
    FundGrantQuerySet,
    FundQuerySet,
)


class CooperationFund(BilingualNameMixin, RecordModel):
    """A fund set up with a local government to industrialize the university's achievements."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="funds",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="funds",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    government = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("local government"),
        related_name="funds",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    agreement = models.ForeignKey(
        "agreements.CooperationAgreement",
        verbose_name=_("agreement"),
        related_name="funds",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    established_on = models.DateField(_("established on"))
    committed_amount = models.DecimalField(
        _("committed size (CNY)"), max_digits=14, decimal_places=2
    )
    purpose_zh = models.TextField(_("purpose (Chinese)"), blank=True)
    purpose_en = models.TextField(_("purpose (English)"), blank=True)

    objects = FundQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["established_on", "code"]
        verbose_name = _("cooperation fund")
        verbose_name_plural = _("cooperation funds")
        indexes = [
            models.Index(fields=["established_on", "code"], name="funds_fund_established"),
            models.Index(fields=["province", "city"], name="funds_fund_region"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=non_negative("committed_amount"), name="funds_fund_committed_not_negative"
            )
        ]


class ContributingParty(models.TextChoices):
    UNIVERSITY = "university", _("University")
    GOVERNMENT = "government", _("Local government")
    ENTERPRISE = "enterprise", _("Enterprise")
    OTHER = "other", _("Other")


class FundContribution(TimeStampedModel):
    fund = models.ForeignKey(
        CooperationFund,
        verbose_name=_("fund"),
        related_name="contributions",
        on_delete=models.CASCADE,
    )
    party = models.CharField(_("party"), max_length=20, choices=ContributingParty.choices)
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organization"),
        related_name="fund_contributions",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    amount = models.DecimalField(_("amount (CNY)"), max_digits=14, decimal_places=2)
    contributed_on = models.DateField(_("contributed on"))

    objects = FundContributionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "contributed_on"]
        verbose_name = _("fund contribution")
        verbose_name_plural = _("fund contributions")
        indexes = [models.Index(fields=["contributed_on"], name="funds_contribution_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="funds_fundcontribution_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["fund", "party", "contributed_on"],
                name="funds_fundcontribution_unique_party_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_party_display()} {self.amount} ({self.contributed_on})"


class FundGrant(TimeStampedModel):
    fund = models.ForeignKey(
        CooperationFund, verbose_name=_("fund"), related_name="grants", on_delete=models.CASCADE
    )
    project = models.ForeignKey(
        "projects.CooperationProject",
        verbose_name=_("project"),
        related_name="grants",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        related_name="fund_grants",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    amount = models.DecimalField(_("amount (CNY)"), max_digits=14, decimal_places=2)
    granted_on = models.DateField(_("granted on"))
    agreement = models.ForeignKey(
        "agreements.CooperationAgreement",
        verbose_name=_("agreement served"),
        related_name="fund_grants",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    objects = FundGrantQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "granted_on"]
        verbose_name = _("fund grant")
        verbose_name_plural = _("fund grants")
        indexes = [models.Index(fields=["granted_on"], name="funds_grant_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="funds_fundgrant_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["fund", "title", "granted_on"], name="funds_fundgrant_unique_title_date"
            ),
        ]

    def clean(self):
        # A grant serves only an agreement in force on the day it is awarded.
        validate_served_agreement(self, "granted_on")

    def __str__(self):
        return self.title
