"""The public pages' cache: one version number for all published aggregates.

Every change to a domain record bumps the version once the transaction commits, so the next
request recomputes (and caches) the aggregates and the pages under the new version; the old
entries simply expire. A warm page costs one cache round trip and no query.
"""

import time

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.html import strip_spaces_between_tags
from django.utils.translation import get_language

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
    key = f"public:{name}:{timezone.localdate().isoformat()}:v{version or current_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


# Stands for the visitor's CSRF token (the language switch posts a form) in a page rendered
# once for everybody; each response gets its own token in its place.
CSRF_PLACEHOLDER = "csrf-token-of-this-visitor"


def cached_page(request, name, render_page):
    """A whole public page, rendered once per data version and language, served from the cache.

    The page is stored with the version it was rendered under, so one round trip to the cache
    (the version and the page together) tells whether it is still current.
    ``render_page(version, context)`` returns the rendered response; ``context`` holds what
    must not be baked into a page everyone shares (the CSRF token, flash messages).
    """
    # Today's date in the key: "this year" and "upcoming" move on at midnight without a change.
    key = f"public:page:{name}:{get_language()}:{timezone.localdate().isoformat()}"
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or current_version()
    page = found.get(key)
    if page is not None and page[0] == version:
        html = page[1]
    else:
        shared = {"csrf_token": CSRF_PLACEHOLDER, "messages": (), "canonical_path": request.path}
        # Rendered once per version, so squeezing out the indentation costs nothing later.
        html = strip_spaces_between_tags(render_page(version, shared).content.decode())
        cache.set(key, (version, html), TIMEOUT)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))


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
