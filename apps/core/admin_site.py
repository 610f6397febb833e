"""The portal's admin site: Django's, with one rule every registered admin obeys.

An admin action is a write route. Django lets an action through for anyone who may open the
list unless the action declares ``allowed_permissions``; libraries' actions often do not
(django-celery-beat's "enable", "disable" and "run" were open to the view-only auditor). Here
an action that declares nothing needs the change permission, on every admin registered on the
site, the libraries' included: the rule is stated once, not per admin.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# What an action that declares no permissions of its own needs.
DEFAULT_ACTION_PERMISSIONS = ("change",)


class ActionsNeedPermissionMixin:
    def get_actions(self, request):
        actions = super().get_actions(request)
        allowed = {}
        for name, (func, action_name, description) in actions.items():
            needed = getattr(func, "allowed_permissions", DEFAULT_ACTION_PERMISSIONS)
            if all(getattr(self, f"has_{perm}_permission")(request) for perm in needed):
                allowed[name] = (func, action_name, description)
        return allowed


class PortalAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ActionsNeedPermissionMixin):
            admin_class = type(
                admin_class.__name__,
                (ActionsNeedPermissionMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)


class PortalAdminConfig(AdminConfig):
    default_site = "apps.core.admin_site.PortalAdminSite"
