from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import AUDITOR_GROUP, HQ_GROUP, OFFICE_GROUP
from apps.core.models import TimeStampedModel
from apps.core.scope import forget_scope


class Role(models.TextChoices):
    HQ = HQ_GROUP, _("Headquarters staff (all records)")
    OFFICE = OFFICE_GROUP, _("Office staff (own region only)")
    AUDITOR = AUDITOR_GROUP, _("Auditor (read only)")


class StaffProfile(TimeStampedModel):
    """A staff member's role and, for office staff, the province or city they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="staff_profile",
        on_delete=models.CASCADE,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="staff_profiles",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="staff_profiles",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Set for an office that serves one city; leave blank for a whole province."),
    )
    office = models.ForeignKey(
        "offices.CooperationOffice",
        verbose_name=_("cooperation office"),
        related_name="staff_profiles",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    receives_reminders = models.BooleanField(
        _("receives reminders"),
        default=True,
        help_text=_("Send this person the reminders and the weekly digest of their region."),
    )

    class Meta:
        ordering = ["role", "user__username"]
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=[role.value for role in Role]),
                name="accounts_staffprofile_role_allowed",
            ),
            models.CheckConstraint(
                condition=~Q(role=OFFICE_GROUP) | Q(province__isnull=False) | Q(city__isnull=False),
                name="accounts_staffprofile_office_has_region",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()}"

    def clean(self):
        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            raise ValidationError({"city": _("This city is not in the chosen province.")})
        if self.role == Role.OFFICE and not (self.province_id or self.city_id):
            raise ValidationError({"province": _("Office staff need a province or a city.")})

    def save(self, *args, **kwargs):
        if self.city_id and not self.province_id:
            self.province_id = self.city.province_id
        super().save(*args, **kwargs)
        self.apply_role()

    def apply_role(self):
        """Make the user a member of exactly the role's group, and staff."""
        role_groups = Group.objects.filter(name__in=Role.values)
        self.user.groups.remove(*role_groups.exclude(name=self.role))
        group, _created = Group.objects.get_or_create(name=self.role)
        self.user.groups.add(group)
        if not self.user.is_staff:
            self.user.is_staff = True
            self.user.save(update_fields=["is_staff"])
        forget_scope(self.user)

    @property
    def region(self):
        return self.city or self.province
