"""The public pages' cache: one version number for all published aggregates.

Every change to a domain record bumps the version once the transaction commits, so the next
request recomputes (and caches) the aggregates and the pages under the new version; the old
entries simply expire. A warm page costs at most one cache round trip and no query.
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
# When the published records last changed: kept beside the version, bumped with it on commit.
CHANGED_AT_KEY = "public:changed_at"
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
    cache.set(CHANGED_AT_KEY, timezone.now(), timeout=None)
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    forget_local()


def _latest_record_change():
    """The newest ``updated_at`` of every domain table, in one query (a UNION of each's newest)."""
    newest = [
        model._default_manager.order_by("-updated_at").values_list("updated_at")[:1]
        for model in _domain_models()
        if any(field.name == "updated_at" for field in model._meta.fields)
    ]
    found = [row[0] for row in newest[0].union(*newest[1:], all=True)] if newest else []
    return max(found, default=None) or timezone.now()


def data_changed_at():
    """The time of the last change to the records the public pages show ("数据更新至").

    Kept in the cache beside the version; after the cache was emptied it is read back from the
    records' own ``updated_at`` once.
    """
    changed_at = cache.get(CHANGED_AT_KEY)
    if changed_at is None:
        changed_at = _latest_record_change()
        if not cache.add(CHANGED_AT_KEY, changed_at, timeout=None):
            changed_at = cache.get(CHANGED_AT_KEY, changed_at)
    return changed_at


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

# A second tier in each process, in front of the shared cache: the version is read again at
# most every VERSION_RECHECK seconds and the pages of that version stay in memory, so a warm
# request usually makes no round trip at all. Other processes see a change within
# VERSION_RECHECK seconds; this one (which made the change) at once.
VERSION_RECHECK = 0.5
LOCAL_PAGES = 200
_local = {"checked": 0.0, "version": None, "pages": {}}


def forget_local():
    _local.update(checked=0.0, version=None, pages={})


def _recent_version():
    now = time.monotonic()
    if _local["version"] is None or now - _local["checked"] > VERSION_RECHECK:
        version = current_version()
        if version != _local["version"]:
            _local["pages"] = {}
        _local.update(checked=now, version=version)
    return _local["version"]


def cached_page(request, name, render_page):
    """A whole public page, rendered once per data version and language, served from the cache.

    The page is stored with the version it was rendered under, so a page left over from an
    older version is never served. ``render_page(version, context)`` returns the rendered
    response; ``context`` holds what must not be baked into a page everyone shares (the CSRF
    token, flash messages).
    """
    version = _recent_version()
    # Today's date in the key: "this year" and "upcoming" move on at midnight without a change.
    key = f"public:page:{name}:{get_language()}:{timezone.localdate().isoformat()}"
    pages = _local["pages"]
    html = pages.get(key)
    if html is None:
        found = cache.get(key)
        if found is not None and found[0] == version:
            html = found[1]
        else:
            shared = {
                "csrf_token": CSRF_PLACEHOLDER,
                "messages": (),
                "canonical_path": request.path,
            }
            # Rendered once per version: squeezing out the indentation costs nothing later.
            text = strip_spaces_between_tags(render_page(version, shared).content.decode())
            html = text.encode()
            cache.set(key, (version, html), TIMEOUT)
        if len(pages) >= LOCAL_PAGES:
            pages.pop(next(iter(pages)))
        pages[key] = html
    return HttpResponse(html.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode()))


def _bump_on_commit():
    transaction.on_commit(bump_version)


def _record_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    _bump_on_commit()


def _relation_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        _bump_on_commit()


def _domain_models():
    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.app_label != app_label or model.__name__.startswith("Historical"):
                continue
            yield model


def connect():
    for model in _domain_models():
        uid = f"public-cache-{model._meta.label_lower}"
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _relation_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
