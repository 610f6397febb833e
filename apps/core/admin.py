from django.contrib import admin

from apps.core.admin_base import RecordAdmin
from apps.core.models import Department, Milestone


@admin.register(Department)
class DepartmentAdmin(RecordAdmin):
    list_display = ("code", "name_zh", "name_en", "kind", "established_on", "is_public")
    list_filter = ("kind", "is_public")
    search_fields = ("code", "name_zh", "name_en")
    fieldsets = (
        (None, {"fields": ("code", "name_zh", "name_en", "kind", "established_on")}),
        (None, {"fields": ("description_zh", "description_en")}),
        # What matching reads: the department's fields in partners' words.
        (None, {"fields": ("keywords_zh", "keywords_en")}),
        RecordAdmin.record_fieldset,
    )


@admin.register(Milestone)
class MilestoneAdmin(RecordAdmin):
    list_display = ("happened_on", "precision", "title_zh", "title_en", "department", "is_public")
    list_filter = ("is_public", "department")
    list_select_related = ("department",)
    search_fields = ("title_zh", "title_en", "description_zh", "description_en")
    autocomplete_fields = ("department",)
    date_hierarchy = "happened_on"
    fieldsets = (
        (None, {"fields": ("happened_on", "precision", "department")}),
        (None, {"fields": ("title_zh", "title_en", "description_zh", "description_en")}),
        RecordAdmin.record_fieldset,
    )
