from django.contrib import admin
from django.db.models import Count

from apps.core.admin_base import StaffModelAdmin
from apps.regions.models import City, Province, Zone


@admin.register(Province)
class ProvinceAdmin(StaffModelAdmin):
    list_display = ("code", "name_zh", "name_en", "kind", "macro_region", "city_count")
    list_filter = ("kind", "macro_region")
    search_fields = ("code", "name_zh", "short_name_zh", "name_en")
    readonly_fields = ("created_at", "updated_at")

    def get_queryset(self, request):
        # A grouped query drops the model's ordering: order it again, or the autocomplete's
        # pages (which take this queryset as it is) come in no stable order.
        return super().get_queryset(request).annotate(city_total=Count("cities")).order_by("code")

    @admin.display(description=City._meta.verbose_name_plural, ordering="city_total")
    def city_count(self, obj):
        return obj.city_total


@admin.register(City)
class CityAdmin(StaffModelAdmin):
    list_display = ("code", "name_zh", "name_en", "level", "province", "parent")
    list_filter = ("level", "province")
    list_select_related = ("province", "parent")
    search_fields = ("code", "name_zh", "name_en")
    autocomplete_fields = ("province", "parent")
    readonly_fields = ("created_at", "updated_at")
    list_per_page = 100


@admin.register(Zone)
class ZoneAdmin(StaffModelAdmin):
    list_display = ("code", "name_zh", "name_en", "kind")
    list_filter = ("kind",)
    search_fields = ("code", "name_zh", "name_en")
    autocomplete_fields = ("provinces", "cities")
    readonly_fields = ("created_at", "updated_at")
