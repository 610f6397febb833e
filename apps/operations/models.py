import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.operations.querysets import ReportJobQuerySet


class ReminderKind(models.TextChoices):
    CONTRACT_ENDING = "contract_ending", _("Contract ending soon")
    PAYMENT_OVERDUE = "payment_overdue", _("Payment overdue")
    MEMBERSHIP_LAPSING = "membership_lapsing", _("Membership about to lapse")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly digest")
    AGREEMENT_BEHIND_TARGET = "agreement_behind", _("Agreement ending behind target")
    AGREEMENT_ENDING = "agreement_ending", _("Agreement ending: renew or let it end")
    AGREEMENT_REVIEW = "agreement_review", _("Open-term agreement due for review")


class ReminderLog(models.Model):
    """One reminder sent to one person: the record of what was sent, so nothing is sent twice.

    ``occasion`` says which instance of the reminder it was (the contract's end date, the
    payment's due date, the ISO week of a digest): when a date changes, a new reminder is due.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    target_model = models.CharField(_("record type"), max_length=60)
    target_id = models.BigIntegerField(_("record id"))
    occasion = models.CharField(_("occasion"), max_length=20)
    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        indexes = [models.Index(fields=["-claimed_at"], name="operations_reminder_claimed")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_model", "target_id", "occasion", "recipient"],
                name="operations_reminderlog_unique_once",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values), name="operations_reminderlog_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.occasion})"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReportJob(TimeStampedModel):
    """An annual cooperation report for a region (or the whole university), made by a worker."""

    year = models.PositiveSmallIntegerField(_("year"))
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="report_jobs",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leave province and city blank for the whole university."),
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="report_jobs",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("current step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    xlsx_file = models.CharField(_("XLSX file"), max_length=300, blank=True)
    pdf_file = models.CharField(_("PDF file"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="report_jobs",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        indexes = [models.Index(fields=["-created_at"], name="operations_report_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="operations_reportjob_progress_max"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1980) & Q(year__lte=2100),
                name="operations_reportjob_year_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values),
                name="operations_reportjob_status_allowed",
            ),
        ]

    def __str__(self):
        return _("%(year)s cooperation report · %(region)s") % {
            "year": self.year,
            "region": self.region_name,
        }

    @property
    def region(self):
        return self.city or self.province

    @property
    def region_name(self):
        region = self.region
        return str(region) if region else str(_("whole university"))

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            raise ValidationError({"city": _("This city is not in the chosen province.")})

    def save(self, *args, **kwargs):
        if self.city_id and not self.province_id:
            self.province_id = self.city.province_id
        super().save(*args, **kwargs)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    VALIDATING = "validating", _("Checking the file")
    INVALID = "invalid", _("Errors found, nothing imported")
    READY = "ready", _("Checked, waiting for confirmation")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed, nothing imported")


class FileFormat(models.TextChoices):
    XLSX = "xlsx", "XLSX"
    CSV = "csv", "CSV"


def job_indexes(kind):
    """A job list's indexes: newest first, and the expired ones to delete."""
    return [
        models.Index(fields=["-created_at"], name=f"operations_{kind}_created"),
        models.Index(fields=["expires_at"], name=f"operations_{kind}_expires"),
    ]


def status_allowed(statuses):
    return models.CheckConstraint(
        condition=Q(status__in=statuses.values), name="%(app_label)s_%(class)s_status_allowed"
    )


class BackgroundJob(TimeStampedModel):
    """What an import and an export share: a worker does it while the requester follows its
    page, and its file is kept under the job's id (never a name that travels through a form)
    until it expires."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file_format = models.CharField(_("format"), max_length=4, choices=FileFormat.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_max"
            ),
            models.CheckConstraint(
                condition=Q(file_format__in=FileFormat.values),
                name="%(app_label)s_%(class)s_format_allowed",
            ),
        ]


class ImportJob(BackgroundJob):
    """One spreadsheet import: the upload kept under ``IMPORTS_ROOT`` by this job's id, checked
    by a worker, confirmed once, written all or nothing by a worker, deleted when it expires."""

    model_label = models.CharField(_("record type"), max_length=100)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    message = models.TextField(_("message"), blank=True)
    headers = models.JSONField(_("columns"), default=list, blank=True)
    preview = models.JSONField(_("first rows"), default=list, blank=True)
    rows_new = models.PositiveIntegerField(_("new rows"), default=0)
    rows_updated = models.PositiveIntegerField(_("updated rows"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="import_jobs",
        on_delete=models.CASCADE,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = job_indexes("import")
        constraints = [*BackgroundJob.Meta.constraints, status_allowed(JobStatus)]

    def __str__(self):
        return f"{self.original_name or self.pk} · {self.get_status_display()}"


class ImportIssue(models.Model):
    """One error of an import, by the spreadsheet's line and the column the user wrote."""

    job = models.ForeignKey(
        ImportJob, verbose_name=_("import"), related_name="issues", on_delete=models.CASCADE
    )
    line = models.PositiveIntegerField(_("line"), null=True, blank=True)
    column = models.CharField(_("column"), max_length=200, blank=True)
    message = models.TextField(_("reason"))

    class Meta:
        ordering = ["job", "line", "id"]
        verbose_name = _("import error")
        verbose_name_plural = _("import errors")
        indexes = [models.Index(fields=["job", "line", "id"], name="operations_issue_job_line")]

    def __str__(self):
        return f"{self.line}: {self.column} {self.message}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Writing")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")


class ExportJob(BackgroundJob):
    """A large staff export written by a worker: the requester alone downloads it, until it
    expires."""

    source = models.CharField(_("source"), max_length=10)  # "admin" or "api"
    target = models.CharField(_("what"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    options = models.JSONField(_("options"), default=dict, blank=True)
    query = models.BinaryField(_("query"))
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="export_jobs",
        on_delete=models.CASCADE,
    )

    class Meta(BackgroundJob.Meta):
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = job_indexes("export")
        constraints = [*BackgroundJob.Meta.constraints, status_allowed(ExportStatus)]

    def __str__(self):
        return f"{self.title} · {self.get_status_display()}"

    @property
    def download_name(self):
        return (
            f"{self.target.rsplit('.', 1)[-1].lower()}-{self.created_at:%Y%m%d}.{self.file_format}"
        )
