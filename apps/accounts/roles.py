"""The three staff roles as Django groups, with their permissions.

They are (re)created after every ``migrate`` and by ``manage.py sync_roles``; the definition
here is the source of truth, so a permission removed here is removed from the group too.
Office staff also need a ``StaffProfile`` naming their province or city.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

from apps.accounts.choices import AUDITOR_GROUP, HQ_GROUP, OFFICE_GROUP
from apps.core.registry import registry

# What office staff may do with a record type that declares nothing (``office_staff=`` on its
# registration): keep the records of their own region, read reference data.
KEEPS = ("add", "change", "delete", "view")
READS = ("view",)
HQ_EXTRA_APPS = (
    "requests",
    "operations",
    "accounts",
    "django_celery_beat",
    "axes",
    "subscriptions",
)


def _permissions(Permission, apps=(), models=(), actions=("add", "change", "delete", "view")):
    """Permissions of the given apps (their non-historical models) and models, for actions."""
    wanted = Permission.objects.none()
    for label in apps:
        wanted |= Permission.objects.filter(content_type__app_label=label).exclude(
            content_type__model__startswith="historical"
        )
    for label in models:
        app_label, model = label.split(".")
        wanted |= Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model
        )
    prefixes = tuple(f"{action}_" for action in actions)
    return [perm for perm in wanted.distinct() if perm.codename.startswith(prefixes)]


def office_staff_actions(record_type):
    """What office staff may do with a record type's records (within their region, as the
    scope engine says): what its registration declares (``office_staff=``), else keep it
    when it lies in a region, read it when it is reference data."""
    return record_type.hook("office_staff", KEEPS if record_type.is_regional else READS)


def office_staff_permissions(Permission):
    """Office staff's permissions, from the registry: each record type's actions, and view
    on the rows its app shows beside it (``office_staff_views=``, e.g. a request's status
    history)."""
    permissions = []
    for record_type in registry.all():
        actions = office_staff_actions(record_type)
        if actions:
            permissions += _permissions(Permission, models=(record_type.label,), actions=actions)
        shown = record_type.hook("office_staff_views", ())
        if shown:
            permissions += _permissions(Permission, models=shown, actions=READS)
    return permissions


def role_permissions(Permission):
    """No role holds a permission on users, groups or permissions: only superusers manage
    those. Headquarters manage office staff's profiles at most (the admin limits which)."""
    # The apps whose records staff keep: every app holding a registered record type.
    everything = tuple(sorted(registry.app_labels() | set(HQ_EXTRA_APPS)))
    return {
        HQ_GROUP: _permissions(Permission, apps=everything),
        OFFICE_GROUP: office_staff_permissions(Permission),
        AUDITOR_GROUP: _permissions(Permission, apps=everything, actions=("view",)),
    }


def sync_roles(using=DEFAULT_DB_ALIAS, apps=global_apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    for name, permissions in role_permissions(Permission).items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)


def sync_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    try:
        apps.get_model("auth", "Group")
        apps.get_model("accounts", "StaffProfile")
    except LookupError:
        return
    sync_roles(using=using, apps=global_apps)
