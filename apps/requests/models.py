import os

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.requests.choices import (
    NEEDS_ASSIGNMENT,
    Actor,
    BudgetRange,
    CooperationKind,
    Industry,
    MessageVisibility,
    NotificationKind,
    RequesterKind,
    RequestStatus,
    Timeline,
)
from apps.requests.querysets import TechRequestQuerySet


class AttachmentStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT: never served as media, only to staff through a checked view.

    The location is read from settings on every use, so tests can point it at a temporary folder.
    """

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.REQUEST_ATTACHMENTS_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


_attachment_storage = AttachmentStorage()


def attachment_storage():
    return _attachment_storage


def attachment_path(instance, filename):
    # The stored name never comes from the partner: only the detected extension is kept.
    extension = os.path.splitext(filename)[1].lower()
    return timezone.localdate().strftime("%Y/%m/") + os.urandom(12).hex() + extension


class TechRequest(TimeStampedModel):
    """A partner's problem, in its own words, and what the department did with it."""

    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )

    organization_name = models.CharField(_("organization"), max_length=200)
    organization_kind = models.CharField(
        _("kind of organization"), max_length=20, choices=RequesterKind.choices
    )
    contact_name = models.CharField(_("contact person"), max_length=60)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="tech_requests",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="tech_requests",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    title = models.CharField(_("problem in one line"), max_length=200)
    description = models.TextField(_("the problem in your own words"), max_length=10000)
    cooperation_kind = models.CharField(
        _("kind of cooperation sought"), max_length=20, choices=CooperationKind.choices
    )
    budget_range = models.CharField(_("budget range"), max_length=20, choices=BudgetRange.choices)
    timeline = models.CharField(_("hoped-for timeline"), max_length=20, choices=Timeline.choices)
    consent_to_contact = models.BooleanField(_("consent to be contacted"), default=False)
    language = models.CharField(
        _("language of the partner"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    # The one-time form token: a second click posts the same key and finds this row.
    submission_key = models.CharField(_("submission key"), max_length=64, unique=True)
    # The tracking token is derived from this salt with the secret key; only its hash is kept.
    tracking_salt = models.CharField(_("tracking salt"), max_length=32)
    tracking_token_hash = models.CharField(_("tracking token hash"), max_length=64, unique=True)
    submitted_from = models.GenericIPAddressField(_("submitted from"), null=True, blank=True)

    assigned_department = models.ForeignKey(
        "core.Department",
        verbose_name=_("assigned department"),
        related_name="tech_requests",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    assigned_office = models.ForeignKey(
        "offices.CooperationOffice",
        verbose_name=_("assigned office"),
        related_name="tech_requests",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # A staff account may be removed when someone leaves; the request stays and is reassigned.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned staff member"),
        related_name="assigned_tech_requests",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # PROTECT, not SET_NULL: a contracted request must keep pointing at what it became, so the
    # contract or project cannot be deleted until staff unlink it here on purpose.
    contract = models.ForeignKey(
        "agreements.Contract",
        verbose_name=_("resulting contract"),
        related_name="tech_requests",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    project = models.ForeignKey(
        "projects.CooperationProject",
        verbose_name=_("resulting project"),
        related_name="tech_requests",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    matched_at = models.DateTimeField(_("first matched at"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminder at"), null=True, blank=True)

    objects = TechRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("technology request")
        verbose_name_plural = _("technology requests")
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="requests_techrequest_created"),
            models.Index(
                fields=["status", "status_changed_at"], name="requests_techrequest_waiting"
            ),
            models.Index(fields=["province", "created_at"], name="requests_techrequest_region"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values),
                name="requests_techrequest_status_allowed",
            ),
            models.CheckConstraint(
                condition=Q(consent_to_contact=True),
                name="requests_techrequest_consent_given",
                violation_error_message=_("The partner must consent to be contacted."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(NEEDS_ASSIGNMENT))
                | Q(assigned_department__isnull=False)
                | Q(assigned_office__isnull=False),
                name="requests_techrequest_matched_has_assignment",
                violation_error_message=_(
                    "Assign a department or an office before matching the request."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.CONTRACTED)
                | Q(contract__isnull=False)
                | Q(project__isnull=False),
                name="requests_techrequest_contracted_has_result",
                violation_error_message=_(
                    "Link the contract or project the request became before marking it contracted."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def clean(self):
        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            raise ValidationError({"city": _("This city is not in the chosen province.")})


class RequestAttachment(TimeStampedModel):
    request = models.ForeignKey(
        TechRequest,
        verbose_name=_("technology request"),
        related_name="attachments",
        on_delete=models.CASCADE,
    )
    file = models.FileField(
        _("file"), storage=attachment_storage, upload_to=attachment_path, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=200)
    content_type = models.CharField(_("detected content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        ordering = ["request", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class StatusChange(models.Model):
    """The audit row of every status a request has had, the first one included."""

    request = models.ForeignKey(
        TechRequest,
        verbose_name=_("technology request"),
        related_name="status_changes",
        on_delete=models.CASCADE,
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=RequestStatus.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=RequestStatus.choices)
    actor = models.CharField(_("made by"), max_length=10, choices=Actor.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        related_name="tech_request_status_changes",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["request", "created_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        indexes = [
            models.Index(fields=["request", "created_at", "id"], name="requests_statuschange_order")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_status__in=RequestStatus.values),
                name="requests_statuschange_to_status_allowed",
            )
        ]

    def __str__(self):
        # Read by staff in the request's status history: when, and from what to what.
        when = timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M")
        if self.from_status:
            return f"{when} {self.get_from_status_display()} → {self.get_to_status_display()}"
        return f"{when} {self.get_to_status_display()}"


class RequestMessage(models.Model):
    """A note on a request: internal (staff only), shared with the partner, or from the partner."""

    request = models.ForeignKey(
        TechRequest,
        verbose_name=_("technology request"),
        related_name="messages",
        on_delete=models.CASCADE,
    )
    visibility = models.CharField(_("visibility"), max_length=20, choices=MessageVisibility.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff author"),
        related_name="tech_request_messages",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["request", "created_at", "id"]
        verbose_name = _("message or note")
        verbose_name_plural = _("messages and notes")
        indexes = [
            models.Index(fields=["request", "created_at", "id"], name="requests_message_order")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=MessageVisibility.values),
                name="requests_requestmessage_visibility_allowed",
            )
        ]

    def __str__(self):
        return f"{self.get_visibility_display()}: {self.body[:60]}"


class Notification(models.Model):
    """The outbox: every email is a row first, sent by a task after commit or by the sweep.

    The text is rendered when it is sent, so no tracking token is ever stored here.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    request = models.ForeignKey(
        TechRequest,
        verbose_name=_("technology request"),
        related_name="notifications",
        on_delete=models.CASCADE,
    )
    recipients = ArrayField(models.EmailField(), verbose_name=_("recipients"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status_change = models.ForeignKey(
        StatusChange,
        verbose_name=_("status change"),
        related_name="notifications",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    message = models.ForeignKey(
        RequestMessage,
        verbose_name=_("message"),
        related_name="notifications",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("email notification")
        verbose_name_plural = _("email notifications")
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(sent_at__isnull=True),
                name="requests_notification_pending",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values),
                name="requests_notification_kind_allowed",
            ),
            models.CheckConstraint(
                condition=~Q(recipients=[]), name="requests_notification_has_recipients"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {', '.join(self.recipients)}"
