from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.agreements.models import Contract
from apps.core.admin_base import RecordAdmin, ScopedTabularInline, count_related
from apps.partners.models import Membership, Organization, PartnerContact


class MembershipInline(ScopedTabularInline):
    model = Membership
    extra = 0
    fields = ("tier", "joined_on", "valid_until", "status", "annual_fee")


class PartnerContactInline(admin.TabularInline):
    """The addresses that sign in to the organization's partner page (apps.partnerportal)."""

    model = PartnerContact
    extra = 0
    fields = ("email", "name", "confirmed")


@admin.register(Organization)
class OrganizationAdmin(RecordAdmin):
    list_display = (
        "name_zh",
        "name_en",
        "kind",
        "ownership",
        "province",
        "city",
        "industry",
        "contract_count",
        "is_public",
    )
    list_filter = (
        "kind",
        "ownership",
        "government_level",
        "province",
        "is_public",
        "is_illustrative",
    )
    list_select_related = ("province", "city")
    search_fields = ("name_zh", "name_en", "credit_code", "industry")
    autocomplete_fields = ("province", "city")
    inlines = [MembershipInline, PartnerContactInline]
    fieldsets = (
        (None, {"fields": ("name_zh", "name_en", "kind", "ownership", "government_level")}),
        (_("Where"), {"fields": ("province", "city")}),
        (None, {"fields": ("credit_code", "industry", "website")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(contract_total=count_related(Contract, "organization"))
        )

    @admin.display(description=_("contracts"), ordering="contract_total")
    def contract_count(self, obj):
        return obj.contract_total


@admin.register(Membership)
class MembershipAdmin(RecordAdmin):
    list_display = ("organization", "tier", "status", "joined_on", "valid_until", "annual_fee")
    list_filter = ("tier", "status", "organization__province")
    list_select_related = ("organization",)
    search_fields = ("organization__name_zh", "organization__name_en")
    autocomplete_fields = ("organization",)
    date_hierarchy = "valid_until"
    total_fields = ("annual_fee",)
    fieldsets = (
        (None, {"fields": ("organization", "tier", "status", "joined_on", "valid_until")}),
        (None, {"fields": ("annual_fee", "services_note")}),
        RecordAdmin.record_fieldset,
    )


@admin.register(PartnerContact)
class PartnerContactAdmin(admin.ModelAdmin):
    list_display = ("email", "name", "organization", "confirmed", "created_at")
    list_filter = ("confirmed",)
    list_select_related = ("organization",)
    search_fields = ("email", "name", "organization__name_zh", "organization__name_en")
    autocomplete_fields = ("organization",)
    actions = ("confirm",)

    @admin.action(description=_("Confirm the selected addresses"), permissions=("change",))
    def confirm(self, request, queryset):
        queryset.update(confirmed=True)
