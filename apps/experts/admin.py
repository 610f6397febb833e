from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.core.admin_base import RecordAdmin
from apps.experts import services
from apps.experts.models import Expert, ExpertMessage


@admin.register(Expert)
class ExpertAdmin(RecordAdmin):
    list_display = (
        "code",
        "name_zh",
        "title",
        "department",
        "industry",
        "province",
        "consent_given",
        "is_public",
        "is_illustrative",
    )
    list_filter = (
        "consent_given",
        "title",
        "industry",
        "department",
        "province",
        "speaks_en",
        "is_public",
        "is_illustrative",
    )
    list_select_related = ("department", "province")
    search_fields = ("code", "name_zh", "name_en", "fields_zh", "fields_en", "orcid")
    autocomplete_fields = ("department", "province", "city", "achievements", "projects")
    fieldsets = (
        (None, {"fields": ("code", "name_zh", "name_en", "department", "title")}),
        (
            _("Fields and languages"),
            {
                "fields": (
                    "fields_zh",
                    "fields_en",
                    "industry",
                    "profile_zh",
                    "profile_en",
                    "speaks_zh",
                    "speaks_en",
                    "speaks_ja",
                    "speaks_de",
                    "speaks_fr",
                    "speaks_ru",
                    "orcid",
                )
            },
        ),
        (_("Achievements and projects"), {"fields": ("achievements", "projects")}),
        (_("Where based"), {"fields": ("province", "city")}),
        (
            _("Contact and consent"),
            {"fields": ("email", "consent_given", "consent_on")},
        ),
        RecordAdmin.record_fieldset,
    )


@admin.register(ExpertMessage)
class ExpertMessageAdmin(admin.ModelAdmin):
    """Partners' messages as they were saved, and whether they went out. Rows are written by
    the relay form's service only; staff may relay one again."""

    list_display = ("created_at", "expert", "sender_name", "organization", "relayed_at")
    list_filter = (("relayed_at", admin.EmptyFieldListFilter),)
    list_select_related = ("expert",)
    search_fields = ("sender_name", "organization", "email", "expert__name_zh")
    readonly_fields = (
        "expert",
        "sender_name",
        "organization",
        "email",
        "body",
        "language",
        "submitted_from",
        "created_at",
        "relayed_at",
        "relay_attempts",
        "last_error",
    )
    fields = readonly_fields
    actions = ["relay_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_relay_permission(self, request):
        """Relaying again is for those who keep the experts (headquarters)."""
        return request.user.has_perm("experts.change_expert")

    @admin.action(
        description=_("Relay the selected messages not yet relayed"), permissions=["relay"]
    )
    def relay_again(self, request, queryset):
        pending = queryset.filter(relayed_at__isnull=True).values_list("pk", flat=True)
        relayed = sum(services.expert_message_relay(message_id=pk) for pk in pending)
        self.message_user(
            request,
            ngettext("%(count)d message relayed.", "%(count)d messages relayed.", relayed)
            % {"count": relayed},
            messages.SUCCESS,
        )
