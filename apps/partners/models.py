from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import BilingualNameMixin, RecordModel, TimeStampedModel
from apps.partners.querysets import MembershipQuerySet, OrganizationQuerySet


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", _("Local government")
    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University or research institute")
    OTHER = "other", _("Other organization")


class Ownership(models.TextChoices):
    STATE_OWNED = "state_owned", _("State-owned")
    PRIVATE = "private", _("Private")
    FOREIGN = "foreign", _("Foreign or joint venture")
    PUBLIC_SECTOR = "public_sector", _("Public sector")


class GovernmentLevel(models.TextChoices):
    PROVINCE = "province", _("Provincial")
    CITY = "city", _("Prefecture-level city")
    COUNTY = "county", _("County or district")


class Organization(BilingualNameMixin, RecordModel):
    """A partner: a local government, an enterprise or another organization."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    ownership = models.CharField(
        _("ownership"), max_length=20, choices=Ownership.choices, blank=True
    )
    government_level = models.CharField(
        _("government level"), max_length=10, choices=GovernmentLevel.choices, blank=True
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, default=""
    )
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="organizations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="organizations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    website = models.URLField(_("website"), blank=True)

    objects = OrganizationQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_zh"]
        verbose_name = _("partner organization")
        verbose_name_plural = _("partner organizations")
        indexes = [
            models.Index(fields=["name_zh"], name="partners_org_name"),
            models.Index(fields=["kind", "province"], name="partners_org_kind_province"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["name_zh"], name="partners_organization_unique_name"),
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="partners_organization_unique_credit_code",
            ),
        ]


class MembershipTier(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic member")
    SENIOR = "senior", _("Senior member")
    REGULAR = "regular", _("Member")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PENDING_RENEWAL = "pending_renewal", _("Pending renewal")
    LAPSED = "lapsed", _("Lapsed")
    TERMINATED = "terminated", _("Terminated")


class Membership(RecordModel):
    """An enterprise's membership of the commission for cooperation with enterprises (since 1997)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("enterprise"),
        related_name="memberships",
        on_delete=models.PROTECT,
    )
    tier = models.CharField(_("tier"), max_length=12, choices=MembershipTier.choices)
    joined_on = models.DateField(_("joined on"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    annual_fee = models.DecimalField(
        _("annual fee (CNY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    services_note = models.TextField(_("services provided"), blank=True)

    objects = MembershipQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_until", "organization__name_zh"]
        verbose_name = _("enterprise membership")
        verbose_name_plural = _("enterprise memberships")
        indexes = [
            models.Index(fields=["-valid_until"], name="partners_membership_valid"),
            models.Index(fields=["status", "tier"], name="partners_membership_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "joined_on"], name="partners_membership_unique_org_joined"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("joined_on")),
                name="partners_membership_valid_after_joined",
            ),
            models.CheckConstraint(
                condition=Q(annual_fee__isnull=True) | Q(annual_fee__gte=0),
                name="partners_membership_fee_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MembershipStatus.values),
                name="partners_membership_status_allowed",
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.get_tier_display()}"


class PartnerContact(TimeStampedModel):
    """An e-mail address staff have confirmed as speaking for an organization: whoever signs
    in with it (apps.partnerportal) sees that organization's records. An address speaks for
    one organization at most; until staff confirm it, it sees only the requests it sent."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        related_name="contacts",
        on_delete=models.CASCADE,
    )
    email = models.EmailField(_("e-mail address"), max_length=254)
    name = models.CharField(_("name"), max_length=100, blank=True)
    confirmed = models.BooleanField(
        _("confirmed by staff"),
        default=False,
        help_text=_(
            "Only a confirmed address signs in to the organization's page. Confirm it once you "
            "know the person speaks for the organization."
        ),
    )

    class Meta:
        ordering = ["organization", "email"]
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")
        indexes = [models.Index(fields=["organization", "email"], name="partners_contact_org")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="partners_partnercontact_unique_email",
                violation_error_message=_(
                    "This address already speaks for an organization: an address speaks for "
                    "one organization only."
                ),
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="partners_partnercontact_email_lowercase"
            ),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.email = (self.email or "").strip().lower()
