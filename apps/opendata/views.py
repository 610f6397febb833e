"""The open-data page and its downloads: public records and public fields only."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from apps.core import prebuilt
from apps.core.pagecache import cached_page, data_changed_at
from apps.opendata import catalogue, selectors
from apps.opendata.datasets import BY_KEY, FIGURES, LICENCE
from apps.opendata.formats import MEDIA_TYPES, as_json, download, file_chunks
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


def _write_dataset(args, fmt, target):
    """A dataset's file in a language ("language.key"), for apps.core.prebuilt: built once per
    data version."""
    language, key = args.split(".", 1)
    with translation.override(language):
        _write_dataset_now(BY_KEY[key], fmt, target)


def _write_dataset_now(dataset, fmt, target):
    key = dataset.key
    fields = dataset.fields
    meta = {
        "dataset": dataset.key,
        "title": str(dataset.title),
        "licence": LICENCE,
        "as_of": data_changed_at(),
        "fields": [field.schema() for field in fields],
    }
    names = [field.name for field in fields]
    for chunk in file_chunks(fmt, names=names, rows=dataset.rows(), meta=meta, title=key):
        target.write(chunk)


prebuilt.register("dataset", _write_dataset)


def dataset_download(request, key, fmt):
    if key not in BY_KEY or fmt not in MEDIA_TYPES:
        raise Http404(key)
    return prebuilt.serve(
        "dataset",
        f"{translation.get_language()}.{key}",
        fmt,
        filename=f"{key}.{fmt}",
        content_type=MEDIA_TYPES[fmt],
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
