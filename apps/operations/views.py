"""Staff downloads that are not a model's admin page: the import template of a record type."""

from django.apps import apps
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone

from apps.operations.import_columns import import_template
from apps.operations.resources import IMPORTABLE

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_member_required
def import_template_download(request, app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if model not in IMPORTABLE:
        raise Http404
    if not request.user.has_perm(f"{app_label}.add_{model_name}"):
        raise PermissionDenied
    response = HttpResponse(import_template(model, request.user), content_type=XLSX_TYPE)
    filename = f"{model_name}-import-template-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
