"""The portal's admin site: Django's, with one rule every registered admin obeys.

An admin action is a write route. Django lets an action through for anyone who may open the
list unless the action declares ``allowed_permissions``; libraries' actions often do not
(django-celery-beat's "enable", "disable" and "run" were open to the view-only auditor). Here
an action that declares nothing needs the change permission, on every admin registered on the
site, the libraries' included: the rule is stated once, not per admin.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import get_language
from pypinyin import Style, lazy_pinyin

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


def reading_order(name):
    """A key putting names in the order a reader of the active language looks for them: by
    pinyin on a Chinese page (交流活动 under J, 产学研 under C), alphabetically otherwise."""
    text = str(name)
    if (get_language() or "").startswith("zh"):
        return (" ".join(lazy_pinyin(text, style=Style.TONE3)).casefold(), text)
    return (text.casefold(), text)


class PortalAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        """The index's sections and each one's models in reading order (Django sorts them by
        character code, which puts Chinese names in no order a reader knows)."""
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["models"].sort(key=lambda model: reading_order(model["name"]))
        return sorted(apps, key=lambda app: reading_order(app["name"]))

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
