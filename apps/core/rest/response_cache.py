"""Anonymous API responses shared through the public pages' cache (``apps.core.pagecache``).

A GET of a list, a record, a statistics grouping or the summary by a visitor without
credentials gets the same JSON as every other such visitor, so it is computed once per data
version and language (``cached_response``: single flight, stale-while-revalidate, the
per-process tier) and served from the cache afterwards.

Never cached: requests with credentials (a token header or a signed-in session: staff see
confidential fields), anything but a JSON rendering (``?format=csv|xlsx`` downloads, the
browsable API), responses other than 200, resources outside the public cache's data version
(``public_apps()``: technology requests are not bumped), and anything read while the
connection holds uncommitted writes.

The key is built from recognised parameters only — the viewset's filters, search, ordering,
pagination, ``group_by``, ``format``, ``lang`` — in canonical order, and the request itself
is rewritten to that canonical query before the response is computed, so an unknown
parameter neither adds a key nor finds its way into a shared response (the pagination links).
"""

import hashlib

from django.http import QueryDict
from django.utils import translation

from apps.core.pagecache import cached_response, public_apps

# Parameters every API view may understand besides its filters.
COMMON_PARAMS = frozenset(
    {"cursor", "page", "page_size", "ordering", "format", "group_by", "search", "q", "lang"}
)
# A range or date-range filter's parameters: the filter's name with one of these endings.
RANGE_SUFFIXES = ("_min", "_max", "_after", "_before", "_0", "_1")
JSON_MEDIA_TYPES = frozenset({"", "*/*", "application/*", "application/json"})
# Longer values are not shared: a key per such request would only flood the cache.
MAX_VALUE_LENGTH = 200


def _filter_names(view):
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        return frozenset(filterset_class.base_filters)
    fields = getattr(view, "filterset_fields", None) or ()
    return frozenset(fields)


def recognised(view, name):
    if name in COMMON_PARAMS or name in getattr(view, "cache_params", ()):
        return True
    filters = _filter_names(view)
    if name in filters:
        return True
    return any(name.endswith(end) and name[: -len(end)] in filters for end in RANGE_SUFFIXES)


def canonical_query(view, request):
    """The recognised parameters, names sorted, each one's values sorted; None when a value is
    too long to share."""
    query = QueryDict(mutable=True)
    for name in sorted(request.GET):
        if not recognised(view, name):
            continue
        values = sorted(request.GET.getlist(name))
        if any(len(value) > MAX_VALUE_LENGTH for value in values):
            return None
        query.setlist(name, values)
    return query


def _accepts_json(request):
    accepted = {
        part.split(";")[0].strip().lower() for part in request.headers.get("Accept", "").split(",")
    }
    return accepted <= JSON_MEDIA_TYPES


def shareable(view, request):
    """Whether this request's response may be shared with every anonymous visitor."""
    if not getattr(view, "cache_anonymous", False) or request.method != "GET":
        return False
    if "Authorization" in request.headers or request.user.is_authenticated:
        return False
    queryset = getattr(view, "queryset", None)
    if queryset is not None and queryset.model._meta.app_label not in public_apps():
        return False
    return request.GET.get("format", "json") == "json" and _accepts_json(request)


def dispatch_cached(view, request, dispatch):
    """``dispatch()``'s response, from the cache for an anonymous JSON GET."""
    if not shareable(view, request):
        return dispatch()
    query = canonical_query(view, request)
    if query is None:
        return dispatch()
    # The API's language comes from Accept-Language (ApiViewMixin.initial): the key's too.
    translation.activate(translation.get_language_from_request(request, check_path=False))
    encoded = query.urlencode()
    request.GET = query
    request.META["QUERY_STRING"] = encoded
    where = f"{request.scheme}://{request.get_host()}{request.path}?{encoded}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return cached_response(request, f"api:{digest}", dispatch)
