from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import RecordAdmin
from apps.events.models import ExchangeEvent


@admin.register(ExchangeEvent)
class ExchangeEventAdmin(RecordAdmin):
    list_display = (
        "start_on",
        "title_zh",
        "kind",
        "province",
        "city",
        "office",
        "department",
        "participants",
    )
    list_filter = ("kind", "province", "office", "department", "is_public", "is_illustrative")
    list_select_related = ("province", "city", "office", "department")
    search_fields = ("code", "title_zh", "title_en", "organizer", "outcomes_zh", "outcomes_en")
    autocomplete_fields = ("province", "city", "office", "department", "agreement")
    date_hierarchy = "start_on"
    total_fields = ("participants",)
    fieldsets = (
        (None, {"fields": ("code", "title_zh", "title_en", "kind", "start_on", "end_on")}),
        (
            _("Where and who"),
            {"fields": ("province", "city", "office", "department", "organizer", "agreement")},
        ),
        (_("Outcomes"), {"fields": ("participants", "outcomes_zh", "outcomes_en")}),
        RecordAdmin.record_fieldset,
    )
