"""The public site: dashboard, region pages, lists, record pages and search.

Views parse the request and pick a selector; they never query on their own. Home and region
pages read aggregates cached under the data version (``apps.core.pagecache``), and the rendered
pages (and list pages, per query) are cached under the same version, so a warm request costs
one cache round trip and no query.
"""

import functools
import hashlib
import re

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from apps.core import prebuilt
from apps.core.pagecache import cached, cached_page, data_changed_at, uncommitted_writes
from apps.core.rest.pagination import rows_in_order
from apps.public import selectors
from apps.public.barcharts import trend_charts
from apps.public.chinamap import china_map
from apps.public.compare import compared_rows
from apps.public.comparisons import region_comparison
from apps.public.definitions import all_definitions
from apps.public.downloads import content_type as table_content_type
from apps.public.downloads import filename as table_filename
from apps.public.downloads import table_bytes
from apps.public.formatting import place_name
from apps.public.highlight import excerpt, highlight, in_page_language, matched_words
from apps.public.pages import headline_figures, map_markers, public_pages, region_sections
from apps.public.tables import home_tables, region_tables
from apps.regions.models import City, Province
from apps.search.documents import kind_labels as search_kind_labels
from apps.search.services import search as search_records

PAGE_SIZE = 20
# Search ranks at most SEARCH_LIMIT records; a kind's results are paged, the overview shows
# each kind's best few.
SEARCH_LIMIT = 200
SEARCH_PAGE_SIZE = 20
SEARCH_GROUP_PREVIEW = 5


def healthz(request):
    """The trivial view the benchmark compares the public pages with."""
    return HttpResponse("ok", content_type="text/plain")


def _home_overview(version=None):
    return cached(f"home:{get_language()}", selectors.home_overview, version=version)


def _province_overview(province, version=None):
    return cached(
        f"province:{province.code}:{get_language()}",
        lambda: selectors.province_overview(province),
        version=version,
    )


def _city_overview(city, version=None):
    return cached(
        f"city:{city.code}:{get_language()}", lambda: selectors.city_overview(city), version=version
    )


def _region_sections(overview):
    """The record types' sections of a region page with their items, in the page's order."""
    return [
        {
            "template": section.template,
            "wide": section.wide,
            "items": overview[section.key],
        }
        for section in region_sections()
    ]


def _has_records(overview):
    """Whether a region has anything to draw: no chart is drawn over nothing."""
    figures = overview["figures"]
    return bool(figures["contracts"] or figures["events_held"])


def home(request):
    def render_page(version, shared):
        overview = _home_overview(version)
        return render(
            request,
            "public/home.html",
            {
                **shared,
                "overview": overview,
                "tables": home_tables(overview),
                "headline_figures": headline_figures(),
                "marker_lists": [
                    {"heading": declared.heading, "records": overview["markers"][declared.key]}
                    for declared, _url_name in map_markers()
                ],
                **trend_charts(overview),
                "china_map": china_map(overview),
            },
        )

    return cached_page(request, "home", render_page)


def region_index(request):
    def render_page(version, shared):
        overview = _home_overview(version)
        return render(
            request,
            "public/region_index.html",
            {
                **shared,
                "overview": overview,
                "provinces_table": home_tables(overview)["provinces"],
                "table_base": reverse("public:home"),
            },
        )

    return cached_page(request, "regions", render_page)


# An administrative code: six digits. Anything else names no region and gets no cache key.
REGION_CODE = re.compile(r"^[0-9]{6}$")


def _region_code(code):
    if not REGION_CODE.match(code):
        raise Http404(_("No region has this code."))
    return code


def _region_page(request, shared, overview, **places):
    """A province's or city's page (``places``: the province, the city if any, the region
    itself and the lists' filter of the region)."""
    return render(
        request,
        "public/region_detail.html",
        {
            **shared,
            **places,
            "overview": overview,
            "tables": region_tables(overview),
            "headline_figures": headline_figures(),
            "sections": _region_sections(overview),
            "has_trends": _has_records(overview),
            **trend_charts(overview),
        },
    )


def province_detail(request, code):
    code = _region_code(code)

    def render_page(version, shared):
        province = get_object_or_404(Province, code=code)
        overview = _province_overview(province, version)
        return _region_page(
            request,
            shared,
            overview,
            comparison=region_comparison(
                province, overview, provinces=_home_overview(version)["provinces"]
            ),
            province=province,
            region=province,
            list_filter=f"province={province.code}",
        )

    return cached_page(request, f"province:{code}", render_page)


def city_detail(request, code):
    code = _region_code(code)

    def render_page(version, shared):
        city = get_object_or_404(City.objects.select_related("province", "parent"), code=code)
        overview = _city_overview(city, version)
        return _region_page(
            request,
            shared,
            overview,
            comparison=region_comparison(
                city,
                overview,
                places=cached(
                    f"place-contracts:{city.province.code}",
                    lambda: selectors.place_contracts(city.province),
                    version=version,
                ),
            ),
            province=city.province,
            city=city,
            region=city,
            list_filter=f"province={city.province.code}&city={city.code}",
        )

    return cached_page(request, f"city:{code}", render_page)


# --- two regions side by side ------------------------------------------------------------------

COMPARED = ("a", "b")


def _region_choices():
    return cached(f"compare:choices:{get_language()}", selectors.region_choices)


def _region_by_code(code):
    """The province or city (or district) with this code, or None."""
    if not REGION_CODE.match(code):
        return None
    province = Province.objects.filter(code=code).first()
    if province is not None:
        return province
    return City.objects.select_related("province", "parent").filter(code=code).first()


def _compared_side(region, version):
    """What the page shows of one region: its overview (its page's) and its counts by year."""
    if isinstance(region, Province):
        overview, url = (
            _province_overview(region, version),
            reverse("public:province_detail", args=[region.code]),
        )
    else:
        overview, url = (
            _city_overview(region, version),
            reverse("public:city_detail", args=[region.code]),
        )
    counts = cached(
        f"compared:{region.code}",
        lambda: selectors.compared_counts(region),
        version=version,
    )
    return {"region": region, "url": url, "overview": overview, "counts": counts}


def _compare_errors(codes, listed):
    """What is wrong with the choice, in the user's language (nothing: it can be shown), and
    the regions chosen that the list does not hold (a district, reached from its page)."""
    errors, unlisted = [], {}
    for key in COMPARED:
        code = codes[key]
        if not code or code in listed:
            continue
        region = _region_by_code(code)
        if region is None:
            errors.append(
                _("No region has the code “%(code)s”: choose one from the list.") % {"code": code}
            )
        else:
            unlisted[key] = {"code": code, "name": place_name(region.province, region)}
    if not errors and codes["a"] and codes["a"] == codes["b"]:
        errors.append(_("Both choices are the same region: choose two different regions."))
    return errors, unlisted


def compare(request):
    """Two provinces or cities side by side. The page for a valid choice is cached like every
    region page (a code that names no region adds no key); a wrong one says what is wrong and
    keeps the choice."""
    codes = {key: request.GET.get(key, "").strip()[:12] for key in COMPARED}
    choices = _region_choices()
    listed = {code for group in choices for code, _name in group["options"]}
    errors, unlisted = _compare_errors(codes, listed)

    def page(shared, version=None, status=200):
        context = {
            **shared,
            "choices": choices,
            "selected": codes,
            "unlisted": unlisted,
            "errors": errors,
        }
        if not errors and all(codes.values()):
            sides = [_compared_side(_region_by_code(codes[key]), version) for key in COMPARED]
            overview = sides[0]["overview"]
            context.update(
                sides=sides,
                rows=compared_rows(
                    [(s["overview"], s["counts"]) for s in sides], overview["today"]
                ),
                last_year=overview["today"].year - 1,
                as_of=overview["as_of"],
            )
        return render(request, "public/compare.html", context, status=status)

    if errors:
        return page({"canonical_path": request.path}, status=400)
    return cached_page(
        request,
        f"compare:{codes['a']}:{codes['b']}",
        lambda version, shared: page(shared, version),
    )


# --- tables as files and the definitions -------------------------------------------------------

DOWNLOAD_FORMATS = ("csv", "xlsx")


def _region_tables(scope, code):
    """The tables of a region's page (or the home page's), its name and file slug, its time."""
    if scope == "home":
        overview = _home_overview()
        return home_tables(overview), pgettext("public site", "China"), "china", overview
    if scope == "province":
        province = get_object_or_404(Province, code=code)
        overview = _province_overview(province)
        return region_tables(overview), province.name, province.code, overview
    city = get_object_or_404(City.objects.select_related("province"), code=code)
    overview = _city_overview(city)
    return region_tables(overview), place_name(city.province, city), city.code, overview


def _table(scope, code, table, file_format):
    tables, place, slug, overview = _region_tables(scope, code)
    found = tables.get(table.replace("-", "_"))
    if file_format not in DOWNLOAD_FORMATS or found is None or found.key != table:
        raise Http404(_("No such table."))
    return found, place, slug, overview


def _write_table(args, file_format, target):
    """A public table's file, for apps.core.prebuilt: args is "language.scope.code.table"."""
    language, scope, code, table = args.split(".")
    with translation.override(language):
        found, place, _slug, overview = _table(scope, code, table, file_format)
        target.write(table_bytes(found, file_format, place=place, as_of=overview["as_of"]))


prebuilt.register("table", _write_table)


def _download(scope, code, table, file_format):
    if not REGION_CODE.match(code) and scope != "home":
        raise Http404(_("No region has this code."))
    # Checked here (a 404 for what does not exist); the file itself is built once per version.
    found, _place, slug, _overview = _table(scope, code, table, file_format)
    return prebuilt.serve(
        "table",
        f"{get_language()}.{scope}.{code}.{table}",
        file_format,
        filename=table_filename(found, slug, file_format),
        content_type=table_content_type(file_format),
    )


def home_table_download(request, table, file_format):
    return _download("home", "china", table, file_format)


def province_table_download(request, code, table, file_format):
    return _download("province", code, table, file_format)


def city_table_download(request, code, table, file_format):
    return _download("city", code, table, file_format)


def definitions(request):
    return cached_page(
        request,
        "definitions",
        lambda version, shared: render(
            request,
            "public/definitions.html",
            {**shared, "definitions": all_definitions(), "as_of": data_changed_at()},
        ),
    )


# --- lists -----------------------------------------------------------------------------------


class ListPaginator(Paginator):
    """Page N of a public list for about what page 1 costs.

    * The count is cached under the data version per filter (``count_key``), so every page of
      one filtered list shares it: a visitor paging through asks PostgreSQL for it once.
    * The page's rows are fetched in two steps: the page's keys first (the list's ordering and
      primary key, no join: an index scan that skips the earlier pages' entries), then those
      rows with their joins. Joining first would join every skipped row.
    """

    def __init__(self, object_list, per_page, *, count_key):
        super().__init__(object_list, per_page)
        self.count_key = count_key

    @functools.cached_property
    def count(self):
        return cached(self.count_key, self.object_list.count)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        keys = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        return self._get_page(rows_in_order(self.object_list, keys), number, self)


def _filtered_page(params, filterset_class, queryset, request, *, name):
    """A FilterSet (shared with the API) over public records, and the requested page."""
    filterset = filterset_class(params, queryset=queryset, request=request)
    records = filterset.qs if filterset.is_valid() else queryset.none()
    unpaged = params.copy()
    unpaged.pop("page", None)
    digest = hashlib.sha256(unpaged.urlencode().encode()).hexdigest()[:32]
    paginator = ListPaginator(records, PAGE_SIZE, count_key=f"list-count:{name}:{digest}")
    return filterset, paginator.get_page(params.get("page"))


def _filter_choices(*, department=False):
    choices = {"provinces": Province.objects.order_by("code")}
    if department:
        choices["departments"] = selectors.public_departments()
    choices["years"] = selectors.default_year_choices()
    return choices


def _list_context(params, filterset, page, **extra):
    province_code = params.get("province", "")
    cities = []
    if province_code:
        cities = City.objects.filter(province__code=province_code, parent__isnull=True).order_by(
            "code"
        )
    return {
        "filterset": filterset,
        "page": page,
        "records": page.object_list,
        "selected": params,
        "cities": cities,
        "filtered": any(value for key, value in params.items() if key != "page"),
        **extra,
    }


# A value of a recognised parameter that is not one of fixed choices: a code, a year, a date.
PLAIN_VALUE = re.compile(r"^[\w.:-]{1,64}$")
MAX_LIST_PAGE = 5000
_recognised = {}


BOOLEAN_VALUES = frozenset({"true", "false", "True", "False", "1", "0"})


def _value_check(field):
    """Whether one submitted value can be valid for a filter's form field, asked without a
    query: a record by its code (province, city, department) is any plain value; a choice, a
    number, a year or a date is checked by the field itself."""
    if hasattr(field, "queryset"):
        return lambda value: True
    if isinstance(field, forms.NullBooleanField):
        return BOOLEAN_VALUES.__contains__
    if hasattr(field, "valid_value"):
        return field.valid_value

    def cleans(value):
        try:
            field.clean(value)
        except ValidationError:
            return False
        return True

    return cleans


def _recognised_parameters(filterset_class):
    """The query parameters a public list understands, each with the check its values pass:
    the FilterSet's public filters (a range filter's two parameters included), never
    ``is_public`` nor a staff-only filter."""
    if filterset_class not in _recognised:
        form = filterset_class(request=None).form
        parameters = {}
        for name, field in form.fields.items():
            if name == "is_public":
                continue
            suffixes = getattr(field.widget, "suffixes", None)
            if suffixes:
                for suffix, part in zip(suffixes, field.fields, strict=True):
                    parameters[f"{name}_{suffix}" if suffix else name] = _value_check(part)
            else:
                parameters[name] = _value_check(field)
        _recognised[filterset_class] = parameters
    return _recognised[filterset_class]


def list_parameters(request, filterset_class, *, extra=None):
    """The list's query in canonical form: recognised parameters only, values that can be
    valid (others dropped, as if absent), each parameter's values deduplicated and sorted, the
    page as a positive number (page 1 left out). Both the cache key and the rendered page come
    from it, so a page cached under a key never depends on what the key leaves out, and
    neither an unknown parameter nor an impossible value adds a key."""
    recognised = {**_recognised_parameters(filterset_class), **(extra or {})}
    params = QueryDict(mutable=True)
    for key in sorted(recognised):
        valid = recognised[key]
        values = sorted(
            {
                value
                for value in request.GET.getlist(key)
                if value and PLAIN_VALUE.match(value) and valid(value)
            }
        )
        if values:
            params.setlist(key, values)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        if int(page) > MAX_LIST_PAGE:
            raise Http404(_("This list has no page %(page)s.") % {"page": page[:12]})
        params["page"] = str(int(page))
    return params


def _cached_list(request, name, params, render_list):
    """A list page cached under its canonical query: the same filters give the same page for
    everyone, and a parameter the list does not know adds no key."""
    query = params.urlencode()
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    canonical = f"{request.path}?{query}" if query else request.path
    return cached_page(
        request,
        f"list:{name}:{digest}",
        lambda version, shared: render_list({**shared, "canonical_path": canonical}),
    )


def list_view(pages):
    """The view of a record type's list (``pages``: its ``PublicPages``)."""
    return functools.partial(record_list, pages=pages)


def detail_view(pages):
    """The view of a record type's record pages (``pages``: its ``PublicPages``)."""
    return functools.partial(record_detail, pages=pages)


def record_list(request, *, pages):
    """The list of a record type's published records."""
    declared = pages.list
    params = list_parameters(request, declared.filterset, extra=declared.parameters)

    def render_list(shared):
        filterset, page = _filtered_page(
            params, declared.filterset, declared.selector(params), request, name=pages.slug
        )
        return render(
            request,
            "public/list_base.html",
            _list_context(
                params,
                filterset,
                page,
                list_page=declared,
                choice_filters=[
                    {
                        "name": choice.name,
                        "label": choice.label,
                        "any_label": choice.any_label,
                        "choices": choice.choices,
                        "selected": params.get(choice.name),
                    }
                    for choice in declared.filters
                ],
                **_filter_choices(department=declared.department_filter),
                **shared,
            ),
        )

    return _cached_list(request, pages.slug, params, render_list)


# --- record pages ----------------------------------------------------------------------------


def record_detail(request, *, pages, **lookup):
    """A published record's page; 404 for a record nobody may see (``pages``: its type's
    ``PublicPages``, whose selector gives the page's context)."""
    declared = pages.detail
    try:
        context = declared.selector(lookup[declared.argument])
    except ObjectDoesNotExist as missing:
        raise Http404(_("No public record matches this address.")) from missing
    if pages.list:
        context["list_url"] = reverse(f"public:{pages.name}_list")
        context["list_label"] = pages.list.title
    return render(
        request,
        "public/detail_base.html",
        {
            **context,
            "title": getattr(context["record"], declared.title_field),
            "body_template": declared.template,
        },
    )


# --- search ----------------------------------------------------------------------------------


def public_search_kinds():
    """The search kinds of the records with public pages, in the menu's order."""
    return [pages.search_kind for pages in public_pages() if pages.search_kind]


def _search_result(hit, kind_label, words, english):
    summary = hit.summary if in_page_language(hit.summary, english) else ""
    result = {
        "kind": hit.kind,
        "kind_label": kind_label,
        "url": hit.url,
        "title": highlight(hit.title, words),
        # A title only in the other language (a Chinese name on an English page) is marked so.
        "title_lang": ""
        if in_page_language(hit.title, english)
        else ("zh-Hans" if english else "en"),
        "summary": highlight(excerpt(summary, words), words),
    }
    # The words may have matched what the record is linked to (its department, place, partner
    # or industry) rather than its name: say so, so a result never looks unexplained.
    result["indirect"] = "<mark>" not in result["title"] + result["summary"]
    return result


def _search_parameters(request):
    """The search's query in canonical form: the words, a known kind, a plain province code,
    a page past the first; nothing else (so an unknown parameter adds no cache key)."""
    params = QueryDict(mutable=True)
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    province = request.GET.get("province", "")
    page = request.GET.get("page", "")
    if query:
        params["q"] = query
    if kind in public_search_kinds():
        params["kind"] = kind
    if PLAIN_VALUE.match(province):
        params["province"] = province
    if page.isdigit() and int(page) > 1:
        params["page"] = str(int(page))
    return params


def search(request):
    """The public search, shared by every anonymous visitor per data version and language
    (only public records are ever searched), rendered from its canonical query."""
    params = _search_parameters(request)
    request.GET = params
    if request.user.is_authenticated or uncommitted_writes():
        return _search_page(request, {})
    query = params.urlencode()
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    canonical = f"{request.path}?{query}" if query else request.path
    return cached_page(
        request,
        f"search:{digest}",
        lambda version, shared: _search_page(request, {**shared, "canonical_path": canonical}),
    )


def _search_page(request, shared):
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    province = Province.objects.filter(code=request.GET.get("province", "")).first()
    english = get_language().startswith("en")
    kind_labels = search_kind_labels()
    hits = []
    if query:
        hits = search_records(
            query,
            kinds=[kind] if kind else public_search_kinds(),
            public_only=True,
            limit=SEARCH_LIMIT,
            province_id=province.pk if province else None,
        )
    words = matched_words(query) if query else []

    def shown(some_hits):
        # Highlighting and excerpts only for the results the page shows, not all it ranked.
        return [_search_result(hit, kind_labels[hit.kind], words, english) for hit in some_hits]

    groups, page = [], None
    if kind:
        page = Paginator(hits, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = shown(page.object_list)
    else:
        for each in public_search_kinds():
            found = [hit for hit in hits if hit.kind == each]
            if found:
                groups.append(
                    {
                        "kind": each,
                        "label": kind_labels[each],
                        "count": len(found),
                        "results": shown(found[:SEARCH_GROUP_PREVIEW]),
                    }
                )
    return render(
        request,
        "public/search.html",
        {
            **shared,
            "search_query": query,
            "total": len(hits),
            "capped": len(hits) >= SEARCH_LIMIT,
            "groups": groups,
            "page": page,
            "kind": kind,
            "kind_label": kind_labels.get(kind, ""),
            "kinds": [(k, kind_labels[k]) for k in public_search_kinds()],
            "provinces": Province.objects.order_by("code"),
            "selected_province": province,
            "limit": SEARCH_LIMIT,
            "preview": SEARCH_GROUP_PREVIEW,
        },
    )
