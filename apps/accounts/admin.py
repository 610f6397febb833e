from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from apps.accounts.models import StaffProfile


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = True
    extra = 0
    max_num = 1
    fields = ("role", "province", "city", "office", "receives_reminders")
    autocomplete_fields = ("province", "city", "office")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Users with their role and region; the role sets the user's group."""

    inlines = [StaffProfileInline]
    list_display = (*UserAdmin.list_display, "role", "region")
    list_select_related = ("staff_profile__province", "staff_profile__city")
    list_filter = (*UserAdmin.list_filter, "staff_profile__role", "staff_profile__province")

    @admin.display(description=StaffProfile._meta.get_field("role").verbose_name)
    def role(self, user):
        profile = getattr(user, "staff_profile", None)
        return profile.get_role_display() if profile else "—"

    @admin.display(description=StaffProfile._meta.get_field("province").verbose_name)
    def region(self, user):
        profile = getattr(user, "staff_profile", None)
        return (profile.region or "—") if profile else "—"


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "province", "city", "office", "receives_reminders")
    list_filter = ("role", "province", "receives_reminders")
    list_select_related = ("user", "province", "city", "office")
    search_fields = ("user__username", "user__email", "user__last_name", "user__first_name")
    autocomplete_fields = ("user", "province", "city", "office")
