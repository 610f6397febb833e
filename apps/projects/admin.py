from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import RecordAdmin, ScopedTabularInline
from apps.projects.models import CooperationProject, ProjectSite


class ProjectSiteInline(ScopedTabularInline):
    model = ProjectSite
    extra = 1
    fields = ("province", "city", "organization", "started_on", "note_zh", "note_en")
    autocomplete_fields = ("province", "city", "organization")


@admin.register(CooperationProject)
class CooperationProjectAdmin(RecordAdmin):
    list_display = (
        "code",
        "title_zh",
        "department",
        "status",
        "started_on",
        "regions",
        "is_public",
    )
    list_filter = ("status", "department", "sites__province", "is_public", "is_illustrative")
    list_select_related = ("department",)
    search_fields = ("code", "title_zh", "title_en", "technology_zh", "technology_en")
    autocomplete_fields = ("department", "partners", "agreement")
    date_hierarchy = "started_on"
    inlines = [ProjectSiteInline]
    fieldsets = (
        (None, {"fields": ("code", "title_zh", "title_en", "department", "status", "started_on")}),
        (_("Technology"), {"fields": ("technology_zh", "technology_en")}),
        (_("Public summary"), {"fields": ("summary_zh", "summary_en")}),
        (_("Partners"), {"fields": ("partners", "agreement")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sites__province", "sites__city")

    @admin.display(description=_("applied in"))
    def regions(self, obj):
        return "、".join(str(site) for site in obj.sites.all())
