"""The open-data page and its downloads: public records and public fields only."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from apps.core.pagecache import cached_page, data_changed_at
from apps.opendata import catalogue, selectors
from apps.opendata.datasets import BY_KEY, FIGURES, LICENCE
from apps.opendata.formats import as_json, download
from apps.opendata.models import FrozenRelease


def index(request):
    def render_page(version, shared):
        return render(
            request,
            "opendata/index.html",
            {
                **shared,
                "datasets": selectors.catalogue(),
                "releases": selectors.releases_with_corrections(),
                "licence": LICENCE,
                "as_of": data_changed_at(),
            },
        )

    return cached_page(request, "opendata:index", render_page)


def dataset_download(request, key, fmt):
    dataset = BY_KEY.get(key)
    if dataset is None:
        raise Http404(key)
    fields = dataset.fields
    meta = {
        "dataset": dataset.key,
        "title": str(dataset.title),
        "licence": LICENCE,
        "as_of": data_changed_at(),
        "fields": [field.schema() for field in fields],
    }
    return download(
        fmt,
        filename=dataset.key,
        names=[field.name for field in fields],
        rows=dataset.rows(),
        meta=meta,
    )


def release_download(request, as_at, fmt):
    try:
        day = datetime.date.fromisoformat(as_at)
    except ValueError as wrong:
        raise Http404(as_at) from wrong
    release = get_object_or_404(FrozenRelease, as_at=day)
    names = [field["name"] for field in release.fields]
    meta = {
        "dataset": FIGURES.key,
        "title": str(FIGURES.title),
        "licence": LICENCE,
        "as_at": release.as_at,
        "frozen_at": release.created_at,
        "fields": [{k: v for k, v in f.items() if k != "path"} for f in release.fields],
        "corrections": selectors.release_corrections(release),
    }
    return download(
        fmt,
        filename=f"{FIGURES.key}-{release.as_at.isoformat()}",
        names=names,
        rows=iter(release.rows),
        meta=meta,
    )


def datapackage(request):
    return HttpResponse(as_json(catalogue.datapackage()), content_type="application/json")


def dcat(request):
    return HttpResponse(
        catalogue.dcat_jsonld(request.build_absolute_uri("/")),
        content_type="application/ld+json",
    )
