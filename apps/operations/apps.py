from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "apps.operations"
    verbose_name = _("Staff operations")
    layer = "composing"

    def ready(self):
        from django.db.models.signals import post_migrate

        from apps.core.admin_base import set_import_export_backend
        from apps.core.rest.exports import set_background_exports
        from apps.operations import tasks  # noqa: F401 — registers the tasks queued by name
        from apps.operations.admin_io import OperationsBackgroundExports, OperationsImportExport
        from apps.operations.schedules import ensure_schedules_after_migrate

        set_import_export_backend(OperationsImportExport())
        set_background_exports(OperationsBackgroundExports())

        post_migrate.connect(
            ensure_schedules_after_migrate, sender=self, dispatch_uid="operations_schedules"
        )
