from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import RecordAdmin, ScopedTabularInline, count_related
from apps.institutes.models import Branch, JointInstitute


class BranchInline(ScopedTabularInline):
    model = Branch
    extra = 0
    fields = ("name_zh", "name_en", "city", "established_on", "agreement")
    autocomplete_fields = ("city", "agreement")


@admin.register(JointInstitute)
class JointInstituteAdmin(RecordAdmin):
    list_display = (
        "code",
        "name_zh",
        "kind",
        "province",
        "city",
        "agreement_signed_on",
        "established_on",
        "branch_count",
    )
    list_filter = ("kind", "province", "is_public", "is_illustrative")
    list_select_related = ("province", "city")
    search_fields = ("code", "name_zh", "name_en", "focus_zh", "focus_en")
    autocomplete_fields = ("province", "city", "partner", "agreement")
    date_hierarchy = "established_on"
    inlines = [BranchInline]
    fieldsets = (
        (None, {"fields": ("code", "name_zh", "name_en", "kind")}),
        (_("Where and with whom"), {"fields": ("province", "city", "partner", "agreement")}),
        (_("Dates"), {"fields": ("agreement_signed_on", "established_on")}),
        (None, {"fields": ("focus_zh", "focus_en", "website")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(branch_total=count_related(Branch, "institute"))
        )

    @admin.display(description=_("branches"), ordering="branch_total")
    def branch_count(self, obj):
        return obj.branch_total
