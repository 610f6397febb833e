import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.requests.choices import Industry


class Subscription(TimeStampedModel):
    """What one address follows. Unconfirmed until its owner opens the confirmation link
    (double opt-in): nothing but that link is ever sent to an unconfirmed address. An address
    has one confirmed subscription at most; confirming a new one replaces it."""

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    industries = ArrayField(
        models.CharField(max_length=20, choices=Industry.choices),
        verbose_name=_("industries"),
        default=list,
        blank=True,
    )
    keywords = ArrayField(
        models.CharField(max_length=40), verbose_name=_("keywords"), default=list, blank=True
    )
    provinces = models.ManyToManyField(
        "regions.Province", verbose_name=_("regions"), related_name="subscriptions", blank=True
    )
    # Named in the confirmation and unsubscribe links (signed); never the row's id.
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(confirmed_at__isnull=False),
                name="subscriptions_subscription_one_confirmed_per_email",
            ),
        ]

    def __str__(self):
        return self.email


class DigestRun(models.Model):
    """One week's digest: the records published between ``since`` and ``until``."""

    occasion = models.CharField(_("week"), max_length=10, unique=True)
    since = models.DateTimeField(_("since"))
    until = models.DateTimeField(_("until"))

    class Meta:
        ordering = ["-until"]
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(until__gt=models.F("since")), name="subscriptions_digestrun_window"
            )
        ]

    def __str__(self):
        return self.occasion


class DigestDelivery(models.Model):
    """A digest claimed for one subscription in one run, so two runs never send it twice."""

    run = models.ForeignKey(
        DigestRun, verbose_name=_("digest run"), related_name="deliveries", on_delete=models.CASCADE
    )
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        related_name="deliveries",
        on_delete=models.CASCADE,
    )
    items = models.PositiveIntegerField(_("items"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["run", "id"]
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "subscription"], name="subscriptions_digestdelivery_once"
            )
        ]

    def __str__(self):
        return f"{self.run} → {self.subscription}"
