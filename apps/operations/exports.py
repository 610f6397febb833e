"""Large staff exports as background jobs.

A staff export (admin or API) of more than ``EXPORT_BACKGROUND_THRESHOLD`` rows is not written
in the request: ``export_job_create`` records the requester, the format, the columns and the
already filtered and scoped query, and a worker (``export_job_run``) writes the file with the
portal's one export writer under ``EXPORTS_ROOT``, recording progress, then e-mails the
requester a private link. Only the requester downloads it (``export_job_for``), and the file
is deleted when the job expires (``export_jobs_expire``, periodic).
"""

import datetime
import logging
import pickle
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from apps.core import export
from apps.core.importing import export_resource_for
from apps.core.rest.exports import export_rows, headers_of
from apps.core.scope import scope_queryset
from apps.operations.imports import enqueue
from apps.operations.models import ExportJob, ExportStatus
from apps.operations.resources import IMPORTABLE

logger = logging.getLogger(__name__)

ADMIN, API = "admin", "api"


def threshold():
    return settings.EXPORT_BACKGROUND_THRESHOLD


def is_large(queryset):
    """More rows than the threshold? (Counts at most threshold + 1 rows.)"""
    return queryset.order_by()[: threshold() + 1].count() > threshold()


def job_path(job):
    return Path(settings.EXPORTS_ROOT) / f"{job.pk}.{job.file_format}"


def export_job_create(*, user, source, target, title, file_format, queryset, options=None):
    job = ExportJob.objects.create(
        source=source,
        target=target,
        title=str(title)[:200],
        file_format=file_format,
        options=options or {},
        query=pickle.dumps(queryset.query),
        total_rows=queryset.order_by().count(),
        requested_by=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        expires_at=timezone.now() + datetime.timedelta(hours=settings.EXPORT_EXPIRY_HOURS),
    )
    transaction.on_commit(lambda: enqueue("run_export", str(job.pk)))
    return job


def export_job_for(*, job_id, user):
    """The requester's finished job, or None (someone else's, unfinished or expired)."""
    return (
        ExportJob.objects.filter(
            pk=job_id, requested_by=user, status=ExportStatus.DONE, expires_at__gt=timezone.now()
        )
        .select_related("requested_by")
        .first()
    )


def download_url(job):
    if job.source == API:
        return reverse("api:export-download", args=[job.pk])
    return reverse("admin:operations_exportjob_download", args=[job.pk])


def job_queryset(job, model):
    queryset = model._default_manager.all()
    queryset.query = pickle.loads(job.query)  # noqa: S301 — written by export_job_create
    if job.options.get("staff", True):
        # The requester's region once more, as it stands now.
        queryset = scope_queryset(job.requested_by, queryset)
    return queryset


def job_headers_and_rows(job):
    if job.source == API:
        viewset = import_string(job.target)
        model = viewset.queryset.model
        columns = viewset.export.columns(staff=job.options.get("staff", False))
        return headers_of(columns), export_rows(job_queryset(job, model), columns)
    model = apps.get_model(job.target)
    resource_class = IMPORTABLE.get(model) or export_resource_for(model)
    resource = resource_class(user=job.requested_by)
    fields = job.options.get("fields") or None
    headers = resource.get_export_headers(selected_fields=fields)
    return headers, resource.export_rows(job_queryset(job, model), fields)


def export_job_run(*, job_id):
    """Write the file (a worker runs this); a second delivery finds the job taken."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, progress=1
    )
    if not claimed:
        return
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    path = job_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    total = max(job.total_rows, 1)

    def progress(count):
        ExportJob.objects.filter(pk=job_id).update(
            progress=max(1, min(99, count * 100 // total)), rows_written=count
        )

    with translation.override(job.language):
        try:
            headers, rows = job_headers_and_rows(job)
            with open(partial, "wb") as target:
                written = export.write(
                    job.file_format, target, headers, rows, title=job.title, progress=progress
                )
            partial.rename(path)
        except Exception:
            logger.exception("export %s failed", job_id)
            partial.unlink(missing_ok=True)
            ExportJob.objects.filter(pk=job_id).update(
                status=ExportStatus.FAILED,
                error=_("The export could not be written; try again or ask an administrator."),
                finished_at=timezone.now(),
            )
            return
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.DONE,
            progress=100,
            rows_written=written,
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        notify(job)


def notify(job):
    user = job.requested_by
    if not user.email:
        return
    link = settings.PUBLIC_BASE_URL.rstrip("/") + download_url(job)
    send_mail(
        _("Your export “%(title)s” is ready") % {"title": job.title},
        _(
            "The export you asked for (%(rows)s rows, %(format)s) is ready:\n\n%(link)s\n\n"
            "The link works for you alone, after signing in, until %(expires)s."
        )
        % {
            "rows": f"{job.rows_written:,}",
            "format": job.file_format.upper(),
            "link": link,
            "expires": timezone.localtime(job.expires_at).strftime("%Y-%m-%d %H:%M"),
        },
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


def export_jobs_expire(*, now=None):
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(expires_at__lte=now))
    for job in expired:
        job_path(job).unlink(missing_ok=True)
    ExportJob.objects.filter(pk__in=[job.pk for job in expired]).delete()
    return len(expired)
