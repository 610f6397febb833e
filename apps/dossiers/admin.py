"""Staff reach a region's staff dossier from the regions' lists in the admin."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.regions.models import City, Province


def _with_dossier_links(base, kind):
    class RegionWithDossierAdmin(base):
        list_display = (*base.list_display, "dossier_links")

        @admin.display(description=pgettext_lazy("dossier", "Briefing dossier"))
        def dossier_links(self, obj):
            page = reverse(f"dossiers:{kind}", args=[obj.code]) + "?audience=staff"
            pdf = reverse(f"dossiers:{kind}_pdf", args=[obj.code]) + "?audience=staff"
            return format_html(
                '<a href="{}">{}</a> · <a href="{}">PDF</a>', page, _("staff version"), pdf
            )

    RegionWithDossierAdmin.__name__ = base.__name__
    return RegionWithDossierAdmin


for _model, _kind in ((Province, "province"), (City, "city")):
    _base = type(admin.site._registry[_model])
    admin.site.unregister(_model)
    admin.site.register(_model, _with_dossier_links(_base, _kind))
