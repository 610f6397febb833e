"""The admin's Import and Export for every domain admin (``apps.core.admin_base`` calls this
through ``set_import_export_backend``; the operations app registers it when it is ready)."""

from django.urls import reverse

from apps.core.admin_base import ImportExportBackend
from apps.operations import exports, imports
from apps.operations.importing import LabelledExportForm, export_resource_for
from apps.operations.resources import IMPORTABLE


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
