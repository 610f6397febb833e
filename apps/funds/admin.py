from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin_base import RecordAdmin, ScopedTabularInline, sum_related
from apps.funds.models import CooperationFund, FundContribution, FundGrant


class FundContributionInline(ScopedTabularInline):
    model = FundContribution
    extra = 0
    fields = ("party", "organization", "amount", "contributed_on")
    autocomplete_fields = ("organization",)


class FundGrantInline(ScopedTabularInline):
    model = FundGrant
    extra = 0
    fields = ("title", "project", "department", "amount", "granted_on", "agreement")
    autocomplete_fields = ("project", "department", "agreement")


@admin.register(CooperationFund)
class CooperationFundAdmin(RecordAdmin):
    list_display = (
        "code",
        "name_zh",
        "province",
        "city",
        "established_on",
        "committed_amount",
        "contributed",
        "granted",
    )
    list_filter = ("province", "is_public", "is_illustrative")
    list_select_related = ("province", "city")
    search_fields = ("code", "name_zh", "name_en")
    autocomplete_fields = ("province", "city", "government", "agreement")
    date_hierarchy = "established_on"
    total_fields = ("committed_amount",)
    inlines = [FundContributionInline, FundGrantInline]
    fieldsets = (
        (None, {"fields": ("code", "name_zh", "name_en", "established_on", "committed_amount")}),
        (_("Where and with whom"), {"fields": ("province", "city", "government", "agreement")}),
        (None, {"fields": ("purpose_zh", "purpose_en")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                contributed_total=sum_related(FundContribution, "fund", "amount"),
                granted_total=sum_related(FundGrant, "fund", "amount"),
            )
        )

    @admin.display(description=_("contributed (CNY)"), ordering="contributed_total")
    def contributed(self, obj):
        return obj.contributed_total

    @admin.display(description=_("granted (CNY)"), ordering="granted_total")
    def granted(self, obj):
        return obj.granted_total
