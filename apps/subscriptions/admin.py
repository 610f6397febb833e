from django.contrib import admin

from apps.subscriptions.models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Who follows what; subscribers change their subscription themselves (subscribe again,
    unsubscribe), so staff only read it or delete it on request."""

    list_display = ("email", "language", "industries", "keywords", "confirmed_at", "created_at")
    list_filter = ("language", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("email", "keywords")
    readonly_fields = ("email", "language", "industries", "keywords", "provinces", "confirmed_at")
    fields = readonly_fields

    def has_add_permission(self, request):
        return False
