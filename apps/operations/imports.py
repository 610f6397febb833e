"""Spreadsheet imports as background jobs.

1. ``import_job_create`` stores the upload under ``IMPORTS_ROOT`` by the job's id (the only
   name the server ever opens; nothing the browser sends becomes a path) and queues the check.
2. ``import_job_validate`` (worker) reads the file row by row (``apps.operations.sheets``),
   runs every row through the model's resource exactly as the import will (the same widgets,
   ``full_clean``, constraints, region rule and scoped instance lookup) without writing, and
   records the first rows for the preview, every error by line and column, and its progress.
3. ``import_job_confirm`` moves a checked job to "importing" once (a second confirmation is
   told so) and queues ``import_job_run`` (worker), which reads the file again and writes all
   rows in one transaction, or none when any row fails.
4. ``import_jobs_expire`` (periodic) deletes jobs and files past ``IMPORT_EXPIRY_HOURS``.

Rows are written by the resource's batched path (``StaffResource.save_instance``): new rows
with ``bulk_create_with_history`` 500 at a time, changed rows saved one by one with their
history in batches, after the same validation and region rule as every other write.
"""

import datetime
import itertools
import logging
import os
from pathlib import Path

import tablib
from celery import current_app
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.results import RowResult

from apps.operations.models import ImportIssue, ImportJob, JobStatus
from apps.operations.resources import IMPORTABLE
from apps.operations.sheets import SheetError, SheetReader, detect_format

logger = logging.getLogger(__name__)

FILE_LEVEL = ""
MISSING_JOB = gettext_lazy(
    "This import no longer exists: uploads are kept %(hours)d hours, or it belongs to "
    "someone else. Upload the file again."
)
ALREADY_CONFIRMED = gettext_lazy(
    "This import was already confirmed; it runs once. Its page shows how far it has got."
)
NOT_READY = gettext_lazy("This import cannot be confirmed: %(status)s.")


class ImportFailed(Exception):
    """Raised inside the writing transaction so that nothing of it is kept."""


def resource_class_for(model):
    return IMPORTABLE.get(model)


def model_of(job):
    return apps.get_model(job.model_label)


def enqueue(task_name, *args):
    """Queue a task of this app by name (the tasks module calls this one). With the broker
    away the job stays queued; the periodic sweep queues it again."""
    try:
        current_app.tasks[f"apps.operations.tasks.{task_name}"].delay(*args)
    except Exception:  # the broker's many kinds of connection error
        logger.exception("could not queue %s for %s", task_name, args)


def job_path(job):
    return Path(settings.IMPORTS_ROOT) / f"{job.pk}.upload"


def missing_job_message():
    return MISSING_JOB % {"hours": settings.IMPORT_EXPIRY_HOURS}


# --------------------------------------------------------------------------- progress


def progress_key(job_id):
    return f"import-progress:{job_id}"


def record_progress(job_id, percent, *, in_transaction):
    """The job's progress. While the write runs, its transaction hides any row it updates, so
    the percentage goes to the cache instead, where the job's page reads it."""
    if in_transaction:
        cache.set(progress_key(job_id), percent, timeout=24 * 3600)
    else:
        ImportJob.objects.filter(pk=job_id).update(progress=percent)


def job_progress(job):
    if job.status == JobStatus.IMPORTING:
        return cache.get(progress_key(job.pk), 0)
    return job.progress


# --------------------------------------------------------------------------- create


def import_job_create(*, user, model, upload):
    """Keep the upload under a new job's id and queue its check; a ValidationError (in the
    user's language) when the file is too large or of a kind that is never accepted."""
    if resource_class_for(model) is None:
        raise ValidationError(_("This kind of record cannot be imported."), code="no_resource")
    if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; an import may be at most %(limit)s. Split it into parts.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.IMPORT_MAX_UPLOAD_BYTES),
            },
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    job = ImportJob(
        model_label=model._meta.label_lower,
        original_name=os.path.basename(upload.name or "")[:200],
        requested_by=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        expires_at=timezone.now() + datetime.timedelta(hours=settings.IMPORT_EXPIRY_HOURS),
    )
    path = job_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    try:
        job.file_format = detect_format(path)
    except SheetError as error:
        path.unlink(missing_ok=True)
        raise ValidationError(error.message, code=error.code) from None
    job.save()
    transaction.on_commit(lambda: enqueue("validate_import", str(job.pk)))
    return job


# --------------------------------------------------------------------------- reading rows


class RowRun:
    """One pass over the file through the resource: checks (and, when writing, saves) the rows
    batch by batch, recording errors, counts, the first rows and progress on the job."""

    def __init__(self, job, *, write):
        self.job = job
        self.write = write
        self.resource = resource_class_for(model_of(job))(
            user=job.requested_by, validate_only=not write
        )
        self.issues = []
        self.stored_issues = 0
        self.error_count = 0
        self.rows = 0
        self.rows_new = 0
        self.rows_updated = 0
        self.preview = []

    def add_issue(self, line, column, message):
        self.error_count += 1
        if len(self.issues) + self.stored_issues < settings.IMPORT_MAX_ERRORS:
            self.issues.append(
                ImportIssue(job=self.job, line=line, column=str(column)[:200], message=message)
            )

    def flush_issues(self):
        if self.issues and not self.write:
            ImportIssue.objects.bulk_create(self.issues)
            self.stored_issues += len(self.issues)
            self.issues = []

    def run(self, sheet, *, progress_from, progress_to):
        headers = [str(header).strip() if header is not None else "" for header in sheet.headers]
        self.headers = headers
        width = len(headers)
        rows = sheet.rows()
        while batch := list(itertools.islice(rows, settings.IMPORT_BATCH_ROWS)):
            dataset = tablib.Dataset(headers=list(headers))
            for row in batch:
                values = [value for value in row.values[:width]]
                values += [None] * (width - len(values))
                dataset.append(values)
            self.resource.line_of_row = {
                number: row.line for number, row in enumerate(batch, start=1)
            }
            result = self.resource.import_data(
                dataset,
                dry_run=not self.write,
                raise_errors=False,
                use_transactions=False,
                collect_failed_rows=False,
            )
            self.record(batch, result)
            self.rows += len(batch)
            if self.write and self.error_count:
                raise ImportFailed
            self.flush_issues()
            fraction = sheet.fraction_read(self.rows)
            percent = progress_from + int((progress_to - progress_from) * fraction)
            record_progress(self.job.pk, min(percent, progress_to), in_transaction=self.write)

    def record(self, batch, result):
        for error in result.base_errors:
            self.add_issue(None, FILE_LEVEL, readable_exception(error.error))
        for row, row_result in zip(batch, result.rows, strict=False):
            for cell_error in row.errors:
                self.add_issue(row.line, cell_error.column, cell_error.message)
            # A cell the reader refused (a formula) is reported once, as such.
            refused = {cell_error.column for cell_error in row.errors}
            kind = row_result.import_type
            if kind == RowResult.IMPORT_TYPE_INVALID:
                for column, messages in error_columns(row_result.validation_error):
                    if column in refused:
                        continue
                    for message in messages:
                        self.add_issue(row.line, column, message)
            elif kind == RowResult.IMPORT_TYPE_ERROR:
                for error in row_result.errors:
                    self.add_issue(row.line, FILE_LEVEL, readable_exception(error.error))
            elif not row.errors:
                if kind == RowResult.IMPORT_TYPE_NEW:
                    self.rows_new += 1
                elif kind == RowResult.IMPORT_TYPE_UPDATE:
                    self.rows_updated += 1
            if len(self.preview) < settings.IMPORT_PREVIEW_ROWS and kind not in (
                RowResult.IMPORT_TYPE_INVALID,
                RowResult.IMPORT_TYPE_ERROR,
            ):
                self.preview.append(
                    {
                        "line": row.line,
                        "kind": kind,
                        "values": [preview_text(value) for value in row.values],
                    }
                )


def preview_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)[:200]


def error_columns(error):
    if hasattr(error, "error_dict"):
        for column, messages in error.message_dict.items():
            yield ("" if column == NON_FIELD_ERRORS else column), messages
    else:
        yield "", list(error.messages)


def readable_exception(error):
    """A sentence for an error the checks did not foresee (the details go to the log)."""
    logger.warning("import row failed: %r", error)
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, DatabaseError):
        return _(
            "This row conflicts with what is already saved (the same key twice, or a "
            "required value missing), so it could not be written."
        )
    return _("This row could not be written; check its values against the column headings.")


# --------------------------------------------------------------------------- validate


def claim(job_id, from_statuses, to_status, **changes):
    """Move the job on only if it is still in one of ``from_statuses``; True if this call did."""
    return bool(
        ImportJob.objects.filter(pk=job_id, status__in=from_statuses).update(
            status=to_status, **changes
        )
    )


def import_job_validate(*, job_id):
    """Check every row of the upload (a worker runs this); safe to run twice."""
    if not claim(job_id, [JobStatus.QUEUED], JobStatus.VALIDATING, progress=1):
        return
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    with translation.override(job.language):
        run = RowRun(job, write=False)
        status, message = JobStatus.READY, ""
        try:
            with SheetReader(job_path(job), job.original_name) as sheet:
                job.encoding = sheet.encoding
                run.run(sheet, progress_from=1, progress_to=99)
        except SheetError as error:
            status, message = JobStatus.INVALID, error.message
        except FileNotFoundError:
            status, message = JobStatus.INVALID, missing_job_message()
        if run.error_count:
            status = JobStatus.INVALID
        if status == JobStatus.READY and not run.rows:
            status, message = JobStatus.INVALID, _("The file has column headings but no rows.")
        run.flush_issues()
        ImportJob.objects.filter(pk=job_id).update(
            status=status,
            message=message,
            progress=100,
            encoding=job.encoding,
            headers=getattr(run, "headers", []),
            preview=run.preview,
            total_rows=run.rows,
            rows_new=run.rows_new,
            rows_updated=run.rows_updated,
            error_count=run.error_count,
            updated_at=timezone.now(),
        )


# --------------------------------------------------------------------------- confirm, run


def import_job_confirm(*, job_id, user):
    """Confirm a checked import once; a ValidationError with a sentence otherwise."""
    job = ImportJob.objects.filter(pk=job_id, requested_by=user).first()
    if job is None or job.expires_at <= timezone.now():
        raise ValidationError(missing_job_message(), code="missing")
    if not claim(
        job.pk, [JobStatus.READY], JobStatus.IMPORTING, confirmed_at=timezone.now(), progress=0
    ):
        if job.confirmed_at is not None or job.status in (JobStatus.IMPORTING, JobStatus.DONE):
            raise ValidationError(ALREADY_CONFIRMED, code="confirmed")
        raise ValidationError(NOT_READY % {"status": job.get_status_display()}, code="not_ready")
    transaction.on_commit(lambda: enqueue("run_import", str(job.pk)))
    return job


def import_job_run(*, job_id):
    """Write every row of a confirmed import in one transaction, or none (a worker runs this).

    A second delivery of the task finds the job no longer "importing" and does nothing; a
    worker lost half-way left nothing written, and the redelivered task starts again."""
    job = ImportJob.objects.select_related("requested_by").filter(pk=job_id).first()
    if job is None or job.status != JobStatus.IMPORTING:
        return
    with translation.override(job.language):
        run = RowRun(job, write=True)
        message = ""
        try:
            with transaction.atomic():
                locked = (
                    ImportJob.objects.select_for_update(skip_locked=True)
                    .filter(pk=job_id, status=JobStatus.IMPORTING)
                    .first()
                )
                if locked is None:
                    return
                with SheetReader(job_path(job), job.original_name) as sheet:
                    run.run(sheet, progress_from=0, progress_to=99)
                if run.error_count:
                    raise ImportFailed
                ImportJob.objects.filter(pk=job_id).update(
                    status=JobStatus.DONE,
                    progress=100,
                    total_rows=run.rows,
                    rows_new=run.rows_new,
                    rows_updated=run.rows_updated,
                    finished_at=timezone.now(),
                )
        except ImportFailed:
            message = _(
                "Nothing was imported: some rows failed when the import was written (the data "
                "changed since the check). Correct them and upload the file again."
            )
        except SheetError as error:
            message = error.message
        except FileNotFoundError:
            message = missing_job_message()
        if message:
            ImportIssue.objects.bulk_create(run.issues)
            ImportJob.objects.filter(pk=job_id).update(
                status=JobStatus.FAILED,
                message=message,
                progress=100,
                error_count=run.error_count,
                finished_at=timezone.now(),
            )
            return
    job_path(job).unlink(missing_ok=True)


# --------------------------------------------------------------------------- expiry


def import_jobs_expire(*, now=None):
    """Delete jobs (their errors with them) and uploads past their expiry; returns how many.
    Files without a job (a job deleted in the admin) go too."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(minutes=5)
    for pk in ImportJob.objects.filter(status=JobStatus.QUEUED, updated_at__lte=stale).values_list(
        "pk", flat=True
    ):
        enqueue("validate_import", str(pk))
    expired = list(ImportJob.objects.filter(expires_at__lte=now).values_list("pk", flat=True))
    for pk in expired:
        (Path(settings.IMPORTS_ROOT) / f"{pk}.upload").unlink(missing_ok=True)
    ImportJob.objects.filter(pk__in=expired).delete()
    root = Path(settings.IMPORTS_ROOT)
    if root.is_dir():
        known = {str(pk) for pk in ImportJob.objects.values_list("pk", flat=True)}
        cutoff = now.timestamp() - settings.IMPORT_EXPIRY_HOURS * 3600
        for path in root.glob("*.upload"):
            if path.stem not in known and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    return len(expired)
