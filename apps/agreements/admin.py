from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import Contract, CooperationAgreement, Payment, ScopeArea
from apps.core.admin_base import (
    RecordAdmin,
    ScopedTabularInline,
    StaffModelAdmin,
    TotalsChangeListMixin,
    count_related,
)


@admin.register(ScopeArea)
class ScopeAreaAdmin(StaffModelAdmin):
    list_display = ("position", "code", "name_zh", "name_en")
    search_fields = ("code", "name_zh", "name_en")
    readonly_fields = ("created_at", "updated_at")


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(RecordAdmin):
    checkbox_fields = ("scope_areas",)
    list_display = (
        "number",
        "title_zh",
        "kind",
        "status",
        "province",
        "city",
        "organization",
        "signed_on",
        "end_on",
        "contract_count",
    )
    list_filter = ("kind", "status", "province", "scope_areas", "is_public", "is_illustrative")
    list_select_related = ("province", "city", "organization")
    search_fields = ("number", "title_zh", "title_en", "organization__name_zh")
    autocomplete_fields = ("province", "city", "organization")
    date_hierarchy = "signed_on"
    fieldsets = (
        (None, {"fields": ("number", "title_zh", "title_en", "kind", "status")}),
        (_("Parties"), {"fields": ("province", "city", "organization")}),
        (_("Term"), {"fields": ("signed_on", "start_on", "end_on")}),
        (_("Scope"), {"fields": ("scope_areas", "summary_zh", "summary_en")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(contract_total=count_related(Contract, "agreement"))
        )

    @admin.display(description=_("contracts"), ordering="contract_total")
    def contract_count(self, obj):
        return obj.contract_total


class PaymentInline(ScopedTabularInline):
    model = Payment
    extra = 1
    fields = ("instalment", "amount", "due_on", "received_on", "note")


@admin.register(Contract)
class ContractAdmin(RecordAdmin):
    list_display = (
        "number",
        "title_zh",
        "kind",
        "status",
        "department",
        "organization",
        "province",
        "city",
        "signed_on",
        "amount",
        "received",
    )
    list_filter = (
        "kind",
        "status",
        "department",
        "province",
        "office",
        "is_public",
        "is_illustrative",
    )
    list_select_related = ("department", "organization", "province", "city")
    search_fields = (
        "number",
        "title_zh",
        "title_en",
        "principal_investigator",
        "organization__name_zh",
        "organization__name_en",
    )
    autocomplete_fields = ("department", "organization", "province", "city", "agreement", "office")
    date_hierarchy = "signed_on"
    total_fields = ("amount",)
    inlines = [PaymentInline]
    fieldsets = (
        (None, {"fields": ("number", "title_zh", "title_en", "kind", "status")}),
        (
            _("People and partner"),
            {"fields": ("department", "principal_investigator", "organization")},
        ),
        (_("Where and through"), {"fields": ("province", "city", "agreement", "office")}),
        (_("Dates and amount"), {"fields": ("signed_on", "start_on", "end_on", "amount")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_received()

    @admin.display(description=_("received (CNY)"), ordering="received_amount")
    def received(self, obj):
        return obj.received_amount


@admin.register(Payment)
class PaymentAdmin(TotalsChangeListMixin, StaffModelAdmin):
    list_display = ("contract", "instalment", "amount", "due_on", "received_on", "note")
    list_filter = ("contract__province", "contract__kind")
    list_select_related = ("contract",)
    search_fields = ("contract__number", "contract__title_zh", "note")
    autocomplete_fields = ("contract",)
    date_hierarchy = "due_on"
    readonly_fields = ("created_at", "updated_at")
    list_per_page = 50
    total_fields = ("amount",)
