"""The admin's Import and Export for every domain admin (``apps.core.admin_base`` calls this
through ``set_import_export_backend``) and the API's background downloads
(``apps.core.rest.exports.set_background_exports``); the operations app registers both when
it is ready."""

from django.urls import reverse
from rest_framework import status

from apps.core.admin_base import ImportExportBackend
from apps.core.importing import LabelledExportForm, export_resource_for
from apps.core.rest.exports import BackgroundExports
from apps.operations import exports, imports
from apps.operations.resources import IMPORTABLE
from apps.operations.serializers import job_response


class OperationsImportExport(ImportExportBackend):
    export_form_class = LabelledExportForm

    def import_resource_class(self, model):
        return IMPORTABLE.get(model)

    def export_resource_class(self, model):
        return IMPORTABLE.get(model) or export_resource_for(model)

    def create_import_job(self, *, user, model, upload):
        job = imports.import_job_create(user=user, model=model, upload=upload)
        return reverse("admin:operations_importjob_change", args=[job.pk])

    def export_later(self, *, user, model, queryset, file_format, fields, title):
        if not exports.is_large(queryset):
            return None
        exports.export_job_create(
            user=user,
            source=exports.ADMIN,
            target=model._meta.label_lower,
            title=title,
            file_format=file_format,
            queryset=queryset,
            options={"fields": fields or []},
        )
        return reverse("admin:operations_exportjob_changelist")


class OperationsBackgroundExports(BackgroundExports):
    """A staff download longer than EXPORT_BACKGROUND_THRESHOLD: 202 and the job to follow."""

    def start(self, *, request, view, export_format, queryset):
        if not exports.is_large(queryset):
            return None
        job = exports.export_job_create(
            user=request.user,
            source=exports.API,
            target=f"{type(view).__module__}.{type(view).__qualname__}",
            title=view.export_basename,
            file_format=export_format,
            queryset=queryset,
            options={"staff": True},
        )
        return job_response(job, request, status=status.HTTP_202_ACCEPTED)
