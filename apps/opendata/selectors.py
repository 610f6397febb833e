"""Reads of the open data: the catalogue of datasets and the corrections to frozen figures."""

from apps.opendata.datasets import DATASETS, FIGURES, LICENCE
from apps.opendata.models import FrozenRelease

KEY_COLUMNS = 2  # year and province code identify a row of the regional figures


def catalogue():
    """Each dataset with its fields and last update (one aggregate query per dataset)."""
    return [
        {
            "key": dataset.key,
            "title": dataset.title,
            "description": dataset.description,
            "fields": dataset.fields,
            "modified": dataset.modified(),
            "licence": LICENCE,
        }
        for dataset in DATASETS
    ]


def release_corrections(release, live_rows=None):
    """The cells of a frozen release that differ from the live figures as at the same date.

    Releases are frozen at a year end, so the live figures as at that date are the live rows
    of that year and before: ``live_rows`` (read once for all releases) may be passed in.
    """
    if live_rows is None:
        live_rows = FIGURES.rows(as_at=release.as_at)
    names = [field["name"] for field in release.fields]
    # A figure's name in the reader's language (the live definition), else as frozen.
    titles = {field.name: field.title for field in FIGURES.fields}
    frozen = {tuple(row[:KEY_COLUMNS]): row for row in release.rows}
    live = {
        tuple(row[:KEY_COLUMNS]): list(row) for row in live_rows if row[0] <= release.as_at.year
    }
    corrections = []
    for key in sorted(set(frozen) | set(live)):
        before, after = frozen.get(key), live.get(key)
        for index in range(KEY_COLUMNS + 2, len(names)):
            old = before[index] if before else 0
            new = after[index] if after else 0
            if old != new:
                corrections.append(
                    {
                        "year": key[0],
                        "province_code": key[1],
                        "province": (before or after)[2],
                        "field": names[index],
                        "title": str(titles.get(names[index], release.fields[index]["title"])),
                        "published": old,
                        "now": new,
                    }
                )
    return corrections


def releases_with_corrections():
    """Every release with its corrections: the live figures are read once for them all."""
    releases = list(FrozenRelease.objects.order_by("-as_at"))
    if not releases:
        return []
    live_rows = list(FIGURES.rows(as_at=releases[0].as_at))
    return [(release, release_corrections(release, live_rows)) for release in releases]
