from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SignInLink(models.Model):
    """One e-mailed sign-in link. Only the SHA-256 of its random nonce is kept, so neither the
    database nor a backup holds a working link; ``used_at`` is set once, under a row lock."""

    email = models.EmailField(_("e-mail address"))
    nonce_hash = models.CharField(_("nonce hash"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        indexes = [models.Index(fields=["expires_at"], name="partnerportal_link_expiry")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="partnerportal_signinlink_expires_after_creation",
            )
        ]

    def __str__(self):
        return f"{self.email} · {self.created_at:%Y-%m-%d %H:%M}"
