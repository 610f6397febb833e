"""Every URL pattern of the portal, generated from the URL resolver, fetched with hostile
query strings and path values, as an anonymous visitor and as headquarters staff: no answer
may be a server error.

Path parameters are filled with real codes and ids from the small public-site sample (so the
views get past their look-ups); each URL is fetched with NUL bytes, other control characters, a
10,000-character value, negative and huge page numbers (and years), and unknown parameters in
its query string, and once with a NUL byte in each text path parameter.
"""

import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from apps.public.tests.sample import build_sample
from apps.requests import services
from apps.requests.tests.factories import TechRequestFactory

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000
UNKNOWN = "bogus=1&utm_source=fuzz&o=999&all=&_changelist_filters=bogus%3D1"
# Each view is reached twice (negative, then huge numbers, both with unknown parameters); the
# three others are answered before any view. The plain URL is not fetched on its own: the
# unknown parameters leave every view on its ordinary path.
QUERIES = [
    "?province=a%00b&q=a%00b&city=%00&token=%00",
    "?q=%01%02%1b%7f&kind=%0a%0d&search=%08",
    f"?q={LONG}&province={LONG}",
    f"?page=-1&p=-1&year=-5&offset=-10&limit=-1&{UNKNOWN}",
    f"?page=99999999999999999999&p=99999999999999999999&year=10000&limit=9999999999&{UNKNOWN}",
]
MARKER = "fuzzmarker"
# Patterns that never answer a GET with a page of their own.
SKIPPED = {"set_language"}


def url_patterns(patterns=None, namespace=""):
    """(name with namespace, pattern, its parameter names) for every named URL pattern."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry.url_patterns, inner)
        elif entry.name and entry.name not in SKIPPED:
            names = list(entry.pattern.regex.groupindex)
            if "format" in names:
                continue  # the same views with a ".json" suffix
            yield f"{namespace}{entry.name}", entry, names


def first_pk(model):
    found = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return str(found) if found is not None else "1"


def candidates(sample, tech_request, entry, parameter):
    """Real values to try for a path parameter, most specific first."""
    model_admin = getattr(entry.callback, "model_admin", None)
    viewset = getattr(entry.callback, "cls", None)
    values = []
    if parameter in ("object_id", "id", "pk") and model_admin is not None:
        values.append(first_pk(model_admin.model))
    if parameter == "pk" and getattr(viewset, "queryset", None) is not None:
        values.append(first_pk(viewset.queryset.model))
    values += {
        "code": [
            sample.jiangsu.code,
            sample.suzhou.code,
            sample.soil_project.code,
            sample.institute.code,
            sample.fund.code,
            sample.office.code,
            "fair-this-year",
        ],
        "pk": [str(sample.soil_project.partners.get().pk)],
        "token": [services.request_tracking_token(tech_request=tech_request)],
        "app_label": ["partners", "requests", "auth"],
    }.get(parameter, [])
    return values + ["1", "x"]


def concrete_urls(sample, tech_request):
    """Each pattern reversed with real values, and (for text parameters) with a NUL byte."""
    for name, entry, parameters in url_patterns():
        kwargs = {}
        for parameter in parameters:
            for value in candidates(sample, tech_request, entry, parameter):
                try:
                    reverse(
                        name,
                        kwargs={**kwargs, parameter: value, **_rest(parameters, kwargs, parameter)},
                    )
                except NoReverseMatch:
                    continue
                kwargs[parameter] = value
                break
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        yield name, url
        for parameter in parameters:
            try:
                marked = reverse(name, kwargs={**kwargs, parameter: MARKER})
            except NoReverseMatch:
                continue
            yield f"{name} ({parameter}=NUL)", marked.replace(MARKER, "a%00b")


def _rest(parameters, chosen, current):
    """Placeholder values for the parameters not chosen yet, so reverse() can be tried."""
    return {p: "1" for p in parameters if p not in chosen and p != current}


def server_errors(client, sample, tech_request):
    failures = []
    for name, url in concrete_urls(sample, tech_request):
        for query in QUERIES if "NUL" not in name else [""]:
            response = client.get(url + query)
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {name}: {url}{query[:80]}")
    return failures


@pytest.fixture
def world(db):
    sample = build_sample()
    tech_request = TechRequestFactory(province=sample.ningxia, city=sample.yinchuan)
    return sample, tech_request


def test_every_url_survives_hostile_input_anonymously(world):
    failures = server_errors(Client(raise_request_exception=False), *world)
    assert not failures, "\n".join(failures)


def test_every_url_survives_hostile_input_as_headquarters_staff(world, staff_user):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    failures = server_errors(client, *world)
    assert not failures, "\n".join(failures)


def test_the_generated_urls_cover_the_public_site_the_admin_and_the_api(world):
    names = {re.sub(r" \(.*", "", name) for name, _url in concrete_urls(*world)}
    assert {"public:home", "public:province_detail", "requests:track"} <= names
    assert "admin:partners_organization_change" in names
    assert "api:contract-detail" in names
    assert len(names) > 200
