"""The public pages' cache: one data version for all published aggregates and pages.

Invalidation — once per transaction
    Every statement that writes to a table of ``public_apps()`` (INSERT, UPDATE, DELETE, COPY:
    ``Model.save()``, ``QuerySet.update()``, ``bulk_create()``, many-to-many changes, imports,
    raw SQL alike) owes one ``bump_version`` when the outermost transaction commits
    (``_PendingBump``: each write registers the same hook, the first run bumps); a transaction
    of 2,000 saves bumps the version once, a rolled-back one never.
    This is a ``connection.execute_wrapper`` rather than signals or a custom QuerySet because
    it is the one place every write passes through: signals miss ``QuerySet.update()`` and
    ``bulk_create()``, and a QuerySet/manager base would have to be adopted by every model and
    would still miss raw SQL and COPY. The check is one regular expression per statement.

Hook — "data version changed"
    ``data_version_changed`` (a Django signal, ``sender=None``, ``version=<int>``) is sent after
    each bump, in the process whose transaction committed, outside any transaction. Anything
    derived from the records per data version (the summary tables behind the figures) connects
    to it to refresh itself. Writes its receivers make to tables outside ``public_apps()`` do not
    bump the version again; keep summary tables out of those apps.

Figures rebuilt — once more
    The summary tables are rebuilt by the worker after a change (``apps.figures.summary``);
    until then pages are rendered from the previous figures. When a rebuild commits
    (``summary_rebuilt``) the version is bumped once more, so pages and cached responses move
    on to the new figures. That bump writes nothing to the database: it cannot loop.

Stampede — stale-while-revalidate
    A page is stored with the version it was rendered under. When the version moves on, the
    first request to need the page takes a short lock in the cache (``cache.add`` with a
    ``REBUILD_LOCK_SECONDS`` expiry, so a crashed worker cannot hold it) and renders it; every
    other request meanwhile gets the previous version's page. With nothing to serve (a cold
    cache) the others wait for the one rebuild, up to the lock's expiry.

Flooding
    Keys are built by the views from recognised parameters only (``apps.public.views``; the
    anonymous API responses of ``cached_response`` in ``apps.core.rest.response_cache``), so
    unknown parameters add no key; the project's Redis runs with a memory limit and LRU
    eviction (README, scripts/devservices.py).

Uncommitted writes
    ``cached_response`` (anonymous API responses, and the search page through its view) neither
    reads nor fills the cache while the connection's open transaction holds writes to a domain
    table not yet committed (``uncommitted_writes``): such a response may show records that
    are never committed, and the cached one would hide the connection's own writes.

Redis down
    The cache backend (``apps.core.cache_backend``) reads an unavailable Redis as a miss; pages
    are then rendered from the database without locks (``cache.available`` is False). A process
    that saw the outage bumps the version when it reaches Redis again (``_outage``), since the
    bumps of writes committed meanwhile were lost.
"""

import contextlib
import functools
import hashlib
import re
import threading
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.backends.signals import connection_created
from django.dispatch import Signal
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from apps.core.budget import release_idle_connections
from apps.core.registry import feeds_public_pages, registry
from apps.core.signals import summary_rebuilt

VERSION_KEY = "public:version"
# What a release of the code adds to every cached page, response and aggregate: a page cached
# by the previous release (its templates, styles, scripts, translations) is never served by
# the next, although the data did not change.
RELEASE_SOURCES = ("apps", "templates", "static", "locale", "tsinghua_coop")
RELEASE_SUFFIXES = frozenset({".py", ".html", ".txt", ".css", ".js", ".mo", ".json", ".svg"})


@functools.lru_cache(maxsize=1)
def code_release():
    """This release of the code: ``CODE_RELEASE`` where the deployment names it (a commit),
    else a digest of the sources pages are made of, read once per process."""
    named = getattr(settings, "CODE_RELEASE", "")
    if named:
        return named[:16]
    digest = hashlib.blake2b(digest_size=8)
    base = Path(settings.BASE_DIR)
    for root in RELEASE_SOURCES:
        for path in sorted((base / root).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and path.is_file() and "tests" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


# When the published records last changed: kept beside the version, bumped with it on commit.
CHANGED_AT_KEY = "public:changed_at"
TIMEOUT = 24 * 60 * 60
# Longer than any page takes to render; a lock left by a crashed worker expires by itself.
REBUILD_LOCK_SECONDS = 10
REBUILD_POLL_SECONDS = 0.05

data_version_changed = Signal()


# Writes committed while the cache was unreachable could not bump the version, and Redis may
# come back with the old version and its pages. So a process that saw the cache unreachable
# (a failed read, or a bump that could not be written) bumps the version the first time it
# reaches the cache again: a rebuild per such process after an outage, never a stale page.
_outage = {"seen": False}
# While Redis is away, this process's memo of data_changed_at() (read from the records).
_changed_at_here = {"value": None, "read": 0.0}


def current_version():
    version = cache.get(VERSION_KEY)
    if not _cache_available():
        _outage["seen"] = True
        return time.time_ns()
    if _outage["seen"]:
        return bump_version()
    if version is None:
        version = time.time_ns()
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def bump_version(*, records_changed=True, changed_at=None):
    """Move every page and cached response on to a new data version. ``changed_at``: the
    as-of time of the figures now shown ("数据更新至", set when the summary tables were rebuilt:
    the time of the newest change they count, from the database's own change log). A write
    alone keeps it: the figures a page shows are still the previous build's until then."""
    version = time.time_ns()
    if changed_at is not None:
        cache.set(CHANGED_AT_KEY, changed_at, timeout=None)
    elif records_changed and _as_of_reader["read"] is None:
        cache.set(CHANGED_AT_KEY, timezone.now(), timeout=None)
    cache.set(VERSION_KEY, version, timeout=None)
    _outage["seen"] = not _cache_available()
    _changed_at_here["value"] = None
    forget_local()
    data_version_changed.send(sender=None, version=version)
    return version


def _cache_available():
    return getattr(cache, "available", True)


def _single_flight(key, build, *, otherwise):
    """``build()`` run by one caller at a time per key across processes (a lock in the cache
    with a short expiry); the others get ``otherwise()``: the previous version's value, or the
    builder's result once it is there. Without a reachable cache everyone builds.
    """
    lock = f"{key}:rebuilding"
    if not _cache_available() or cache.add(lock, 1, timeout=REBUILD_LOCK_SECONDS):
        try:
            return build()
        finally:
            cache.delete(lock)
    return otherwise()


# Where the as-of time of the figures is read from (``set_as_of_reader``: the figures app, the
# newest build's time from the database's change log); None: the records' newest updated_at.
_as_of_reader = {"read": None}


def set_as_of_reader(read):
    _as_of_reader["read"] = read


def _latest_record_change():
    """The as-of time of the figures shown: the reader's (the newest build's), else the newest
    ``updated_at`` of every domain table, in one query (a UNION of each's newest)."""
    if _as_of_reader["read"] is not None:
        found = _as_of_reader["read"]()
        if found is not None:
            return found
    newest = [
        model._default_manager.order_by("-updated_at").values_list("updated_at")[:1]
        for model in _domain_models()
        if any(field.name == "updated_at" for field in model._meta.fields)
    ]
    found = [row[0] for row in newest[0].union(*newest[1:], all=True)] if newest else []
    return max(found, default=None) or timezone.now()


def data_changed_at():
    """The as-of time of the figures shown ("数据更新至"): the time of the newest change the
    current build of the figures counts, whatever wrote it (SQL and COPY included).

    Kept in the cache beside the version; after the cache was emptied it is read back once.
    """
    changed_at = cache.get(CHANGED_AT_KEY)
    if changed_at is None and not _cache_available():
        # Redis away: read the records once a minute per process, not for every page.
        now = time.monotonic()
        if _changed_at_here["value"] is None or now - _changed_at_here["read"] > 60:
            _changed_at_here.update(value=_latest_record_change(), read=now)
        return _changed_at_here["value"]
    if changed_at is None:
        changed_at = _latest_record_change()
        if not cache.add(CHANGED_AT_KEY, changed_at, timeout=None):
            changed_at = cache.get(CHANGED_AT_KEY, changed_at)
    return changed_at


def cached(name, compute, *, version=None):
    """``compute()``'s value, cached under the current data version, computed once at a time."""
    key = (
        f"public:{code_release()}:{name}:{timezone.localdate().isoformat()}"
        f":v{version or current_version()}"
    )
    value = cache.get(key)
    if value is not None:
        return value

    def build():
        computed = compute()
        cache.set(key, computed, TIMEOUT)
        return computed

    def wait():
        found = _wait_for(lambda: cache.get(key))
        return found if found is not None else build()

    return _single_flight(key, build, otherwise=wait)


def _wait_for(read):
    release_idle_connections()  # the builder may be waiting for this thread's slot
    deadline = time.monotonic() + REBUILD_LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(REBUILD_POLL_SECONDS)
        found = read()
        if found is not None:
            return found
    return None


# Stands for a visitor's CSRF token in a page rendered once for everybody, should one hold a
# form that posts; each response gets its own token in its place.
CSRF_PLACEHOLDER = "csrf-token-of-this-visitor"
_CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()

# A second tier in each process, in front of the shared cache: the version is read again at
# most every VERSION_RECHECK seconds and the pages of that version stay in memory, so a warm
# request usually makes no round trip at all. Other processes see a change within
# VERSION_RECHECK seconds; this one (which made the change) at once.
VERSION_RECHECK = 0.5
LOCAL_PAGES = 200
_local = {"checked": 0.0, "version": None, "pages": {}}

# At most this many pages or responses are built at once per process. Building is Python work
# (queries, a template); with more threads of a worker building at once they would share the
# process's one interpreter lock with the threads answering from the cache, and those would
# wait their turn behind every builder. The others queue here without taking a turn.
BUILDS_PER_PROCESS = 1
_builds = threading.BoundedSemaphore(BUILDS_PER_PROCESS)
_building = threading.local()


@contextlib.contextmanager
def _build_slot():
    """One of the process's build slots for this thread (re-entrant: a build that builds
    another value keeps its slot)."""
    if getattr(_building, "held", False):
        yield
        return
    if not _builds.acquire(blocking=False):
        release_idle_connections()  # the builder may be waiting for this thread's slot
        _builds.acquire()
    try:
        _building.held = True
        yield
    finally:
        _building.held = False
        _builds.release()


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


def _versioned(key, version, build):
    """The value stored under ``key`` for ``version``, built once at a time: the per-process
    tier, then the shared cache, then ``build()`` under the single-flight lock while the
    others are served the previous version's value (stale-while-revalidate).

    ``build()`` returns ``(value, keep)``; a value not to keep (an error page, a response
    that must not be shared) is returned to its own request only, stored nowhere. Returns
    ``(value, kept)``: ``kept`` is False for a previous version's value or one not kept.
    """
    pages = _local["pages"]
    value = pages.get(key)
    if value is not None:
        return value, True
    found = cache.get(key)
    if found is not None and found[0] == version:
        value = found[1]
    else:

        def build_and_store():
            with _build_slot():
                built, keep = build()
            if keep:
                cache.set(key, (version, built), TIMEOUT)
            return built, keep

        def previous():
            if found is not None:
                return found[1], False
            fresh = _await_build(key, version)
            return (fresh, True) if fresh is not None else build_and_store()

        value, kept = _single_flight(key, build_and_store, otherwise=previous)
        if not kept:
            return value, False
    if len(pages) >= LOCAL_PAGES:
        # Threads of a gthread worker share this tier: another may have evicted it first.
        with contextlib.suppress(StopIteration, KeyError, RuntimeError):
            pages.pop(next(iter(pages)))
    pages[key] = value
    return value, True


def _page_of_version(key, version):
    found = cache.get(key)
    return found[1] if found is not None and found[0] == version else None


def _await_build(key, version):
    """The value another process is building, or None once it gave up without keeping one."""
    release_idle_connections()  # the builder may be waiting for this thread's slot
    deadline = time.monotonic() + REBUILD_LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(REBUILD_POLL_SECONDS)
        fresh = _page_of_version(key, version)
        if fresh is not None:
            return fresh
        if cache.get(f"{key}:rebuilding") is None:
            return _page_of_version(key, version)
    return None


_BETWEEN_TAGS = re.compile(r">\s+<")


def cached_page(request, name, render_page):
    """A whole public page, rendered once per data version and language, served from the cache.

    The page is stored with the version it was rendered under. While one request renders the
    current version's page, the others are served the previous one (stale-while-revalidate).
    ``render_page(version, context)`` returns the rendered response; ``context`` holds what
    must not be baked into a page everyone shares (the CSRF token, flash messages).
    """
    version = _recent_version()
    # Today's date in the key: "this year" and "upcoming" move on at midnight without a change.
    key = f"public:page:{code_release()}:{name}:{get_language()}:{timezone.localdate().isoformat()}"

    def build():
        shared = {
            "csrf_token": CSRF_PLACEHOLDER,
            "messages": (),
            "canonical_path": request.path,
        }
        # Rendered once per version: squeezing out the indentation costs nothing later. One
        # space stays where there was any: between inline elements (two highlighted words,
        # two links) it is part of the text. No cached page holds <pre> or <textarea>.
        text = _BETWEEN_TAGS.sub("> <", render_page(version, shared).content.decode())
        return text.encode(), True

    html, _kept = _versioned(key, version, build)
    return _personal(request, html)


def uncommitted_writes(using=None):
    """Whether the connection's open transaction has written to a domain table not yet
    committed: what is read now may never be committed, so it is neither cached nor served
    from the cache (the committed version would hide the connection's own writes)."""
    target = transaction.get_connection(using)
    pending = getattr(target, "_public_cache_pending", None)
    return target.in_atomic_block and pending is not None and not pending.done


# The response headers a cached response keeps; the middleware adds its own (CSP, language)
# to each response on the way out, cached or not.
KEPT_HEADERS = ("Content-Type", "Vary", "Allow", "Content-Language")


def cached_response(request, name, respond):
    """A whole response shared by every anonymous visitor, per data version and language.

    ``respond()`` returns the (rendered or renderable) response; only a 200 to a GET without
    streaming is kept, with its content and ``KEPT_HEADERS``. The same single-flight and
    stale-while-revalidate as ``cached_page``. While the connection holds uncommitted writes
    nothing is read from or written to the cache.
    """
    if request.method != "GET" or uncommitted_writes():
        return respond()
    version = _recent_version()
    key = (
        f"public:response:{code_release()}:{name}:{get_language()}"
        f":{timezone.localdate().isoformat()}"
    )

    def build():
        response = respond()
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        keep = (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not uncommitted_writes()
        )
        if not keep:
            return response, False
        headers = tuple((h, response[h]) for h in KEPT_HEADERS if response.has_header(h))
        return (response.content, headers), True

    value, _kept = _versioned(key, version, build)
    if isinstance(value, HttpResponseBase):
        return value
    content, headers = value
    return HttpResponse(content, headers=dict(headers))


def _personal(request, html):
    """The shared page as this visitor's response. The public pages hold no form that posts
    (the language switch is a pair of links), so they carry no token and set no cookie: a
    CSRF secret would cost each new visitor a fresh random string and make the page
    uncacheable by a proxy. Should a cached page ever hold ``{% csrf_token %}``, the visitor's
    own token replaces the placeholder."""
    if _CSRF_PLACEHOLDER_BYTES in html:
        html = html.replace(_CSRF_PLACEHOLDER_BYTES, get_token(request).encode())
    return HttpResponse(html)


# --------------------------------------------------------------------------- invalidation

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?',
    re.IGNORECASE,
)
_domain_tables = frozenset()


@functools.cache
def public_apps():
    """The apps whose records feed the public pages: those holding a record type anyone may
    see (``apps.core.registry``; technology requests and report jobs are never public). Asked
    once the registry is complete (``connect()``, when the apps are ready); every anonymous
    API response reads it, so it is kept."""
    return registry.public_app_labels()


def _domain_models():
    for app_label in public_apps():
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.app_label != app_label or model.__name__.startswith("Historical"):
                continue
            if not feeds_public_pages(model):
                continue
            yield model


def domain_tables():
    """The tables whose writes change the public pages (history tables excluded)."""
    tables = set()
    for model in _domain_models():
        tables.add(model._meta.db_table)
        for field in model._meta.local_many_to_many:
            tables.add(field.remote_field.through._meta.db_table)
    return frozenset(tables)


def writes_domain_table(sql):
    match = _WRITE.match(sql) if isinstance(sql, str) else None
    return bool(match) and match.group(1) in _domain_tables


class _PendingBump:
    """The one version bump owed by a connection's current transaction.

    Every write registers ``run`` on commit (so a rolled-back savepoint cannot take the only
    registration with it); the first to run bumps, the others find it done. The next write
    after a bump starts a new one.
    """

    __slots__ = ("done",)

    def __init__(self):
        self.done = False

    def run(self):
        if not self.done:
            self.done = True
            bump_version()


def bump_on_commit(using=None):
    """Owe one ``bump_version`` when the current transaction commits (at once in autocommit)."""
    target = transaction.get_connection(using)
    pending = getattr(target, "_public_cache_pending", None)
    if pending is None or pending.done:
        pending = target._public_cache_pending = _PendingBump()
    try:
        transaction.on_commit(pending.run, using=using)
    except transaction.TransactionManagementError:
        # Manual transaction management: there is no commit hook to wait for.
        pending.run()


def _invalidate_on_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if writes_domain_table(sql):
        bump_on_commit(context["connection"].alias)
    return result


def _watch(sender, connection, **kwargs):
    # First in the list: ``connection.execute_wrapper()`` blocks pop the last one.
    if _invalidate_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _invalidate_on_write)


def _figures_rebuilt(sender, build, **kwargs):
    bump_version(records_changed=False, changed_at=getattr(build, "data_as_of", None))


def connect():
    global _domain_tables
    _domain_tables = domain_tables()
    summary_rebuilt.connect(_figures_rebuilt, dispatch_uid="public-cache-figures-rebuilt")
    connection_created.connect(_watch, dispatch_uid="public-cache-invalidation")
    if connection.connection is not None:
        _watch(None, connection)
