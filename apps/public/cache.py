"""The public pages' cache: one version number for all published aggregates.

Every change to a domain record bumps the version once the transaction commits, so the next
request recomputes (and caches) the aggregates and page fragments under the new version; the
old entries simply expire. Reading costs one cache round trip for the version.
"""

import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "public:version"
TIMEOUT = 24 * 60 * 60
# Apps whose records feed the public pages.
DOMAIN_APPS = [
    "core",
    "regions",
    "partners",
    "agreements",
    "funds",
    "institutes",
    "offices",
    "projects",
    "events",
]


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def bump_version():
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def cached(name, compute, *, version=None):
    """``compute()``'s value, cached under the current data version."""
    key = f"public:{name}:v{version or current_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def _bump_on_commit():
    transaction.on_commit(bump_version)


def _record_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    _bump_on_commit()


def _relation_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        _bump_on_commit()


def connect():
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.app_label != app_label or model.__name__.startswith("Historical"):
                continue
            uid = f"public-cache-{model._meta.label_lower}"
            post_save.connect(_record_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_record_changed, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _relation_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}-{field.name}",
                )
