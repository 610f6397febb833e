from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.achievements.models import Achievement, Patent
from apps.core.admin_base import RecordAdmin, ScopedTabularInline, count_related


class PatentInline(ScopedTabularInline):
    model = Patent
    extra = 0
    fields = ("number", "status", "filed_on", "granted_on")


@admin.register(Achievement)
class AchievementAdmin(RecordAdmin):
    list_display = (
        "code",
        "title_zh",
        "industry",
        "department",
        "maturity",
        "province",
        "city",
        "listed_on",
        "patent_count",
    )
    list_filter = (
        "industry",
        "maturity",
        "offers_transfer",
        "offers_licence",
        "offers_equity",
        "offers_codevelopment",
        "department",
        "province",
        "is_public",
        "is_illustrative",
    )
    list_select_related = ("department", "province", "city")
    search_fields = (
        "code",
        "title_zh",
        "title_en",
        "summary_zh",
        "summary_en",
        "field_zh",
        "field_en",
        "experts_zh",
        "experts_en",
    )
    autocomplete_fields = ("department", "province", "city")
    date_hierarchy = "listed_on"
    inlines = [PatentInline]
    fieldsets = (
        (None, {"fields": ("code", "title_zh", "title_en", "listed_on")}),
        (
            _("What it is"),
            {
                "fields": (
                    "summary_zh",
                    "summary_en",
                    "industry",
                    "field_zh",
                    "field_en",
                    "maturity",
                )
            },
        ),
        (_("Who"), {"fields": ("department", "experts_zh", "experts_en")}),
        (
            _("Licensing modes and terms"),
            {
                "fields": (
                    "offers_transfer",
                    "offers_licence",
                    "offers_equity",
                    "offers_codevelopment",
                    "terms_negotiable",
                    "terms_zh",
                    "terms_en",
                )
            },
        ),
        (_("Where applied"), {"fields": ("province", "city")}),
        RecordAdmin.record_fieldset,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(patent_total=count_related(Patent, "achievement"))
        )

    @admin.display(description=_("patents"), ordering="patent_total")
    def patent_count(self, obj):
        return obj.patent_total
