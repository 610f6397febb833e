from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import (
    RecordAdmin,
    ScopedTabularInline,
    StaffModelAdmin,
    count_related,
    related_rows,
    sum_related,
)
from apps.offices.models import CooperationOffice, Duty, PracticeBase


@admin.register(Duty)
class DutyAdmin(StaffModelAdmin):
    list_display = ("position", "code", "text_zh", "text_en")
    search_fields = ("code", "text_zh", "text_en")
    readonly_fields = ("created_at", "updated_at")


class PracticeBaseInline(ScopedTabularInline):
    model = PracticeBase
    extra = 0
    fields = ("kind", "name_zh", "name_en", "organization", "established_on")
    autocomplete_fields = ("organization",)


@admin.register(CooperationOffice)
class CooperationOfficeAdmin(RecordAdmin):
    checkbox_fields = ("duties",)
    list_display = (
        "code",
        "name_zh",
        "province",
        "city",
        "opened_on",
        "contact_name",
        "event_count",
        "contract_value",
    )
    list_filter = ("province", "is_public", "is_illustrative")
    list_select_related = ("province", "city")
    search_fields = ("code", "name_zh", "name_en", "contact_name")
    autocomplete_fields = ("province", "city")
    date_hierarchy = "opened_on"
    inlines = [PracticeBaseInline]
    fieldsets = (
        (None, {"fields": ("code", "name_zh", "name_en", "opened_on", "closed_on")}),
        (_("Where"), {"fields": ("province", "city", "address", "office_phone", "office_email")}),
        (_("Contact"), {"fields": ("contact_name", "contact_phone", "contact_email")}),
        (_("Duties"), {"fields": ("duties",)}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                event_total=count_related(*related_rows(CooperationOffice, "events")),
                contract_value_total=sum_related(
                    *related_rows(CooperationOffice, "contracts"), "amount"
                ),
            )
        )

    @admin.display(description=_("activities"), ordering="event_total")
    def event_count(self, obj):
        return obj.event_total

    @admin.display(description=_("contract value (CNY)"), ordering="contract_value_total")
    def contract_value(self, obj):
        return obj.contract_value_total
