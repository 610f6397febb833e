from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel


class FrozenRelease(TimeStampedModel):
    """The regional figures as published at a date (a year end), kept as they were.

    Later corrections to the records change the live figures, never this snapshot; the
    differences between the two are listed beside the download as corrections.
    """

    as_at = models.DateField(_("figures as at"), unique=True)
    fields = models.JSONField(_("fields"))
    rows = models.JSONField(_("rows"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        related_name="frozen_releases",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-as_at"]
        verbose_name = _("frozen release of figures")
        verbose_name_plural = _("frozen releases of figures")
        indexes = [models.Index(fields=["-as_at"], name="opendata_release_as_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(as_at__month=12, as_at__day=31),
                name="opendata_frozenrelease_as_at_year_end",
            )
        ]

    def clean(self):
        if self.as_at and (self.as_at.month, self.as_at.day) != (12, 31):
            raise ValidationError(
                {"as_at": _("Figures are frozen at a year end: choose 31 December.")}
            )

    def __str__(self):
        return _("Figures as at %(date)s") % {"date": self.as_at.isoformat()}
