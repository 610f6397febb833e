"""Staff accounts. Roles cannot grow themselves:

* users, groups and permissions are managed by superusers only (no role holds a permission on
  them, and the admin refuses them to anyone else whatever permissions they were given);
* headquarters staff manage the staff profiles of office staff, and nothing above: not their
  own profile, not a superuser's, not another headquarters member's or an auditor's, and the
  only role they may give is office staff.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from apps.accounts.models import Role, StaffProfile


class SuperuserOnlyAdminMixin:
    """Visible and usable by active superusers only."""

    @staticmethod
    def _superuser(request):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request, *args):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request)


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
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Group)
class SuperuserGroupAdmin(SuperuserOnlyAdminMixin, GroupAdmin):
    pass


@admin.register(User)
class StaffUserAdmin(SuperuserOnlyAdminMixin, UserAdmin):
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

    def get_queryset(self, request):
        profiles = super().get_queryset(request)
        if request.user.is_superuser:
            return profiles
        return profiles.filter(role=Role.OFFICE, user__is_superuser=False).exclude(
            user=request.user
        )

    def get_autocomplete_fields(self, request):
        if request.user.is_superuser:
            return self.autocomplete_fields
        # The user search belongs to the superusers' user admin: a plain choice instead.
        return tuple(name for name in self.autocomplete_fields if name != "user")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = (
                User.objects.filter(is_superuser=False)
                .exclude(pk=request.user.pk)
                .exclude(staff_profile__role__in=[Role.HQ, Role.AUDITOR])
                .exclude(groups__name__in=[Role.HQ, Role.AUDITOR])
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role" and not request.user.is_superuser:
            kwargs["choices"] = [(Role.OFFICE.value, Role.OFFICE.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)
