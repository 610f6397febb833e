"""Freezing the regional figures at a date, as published then."""

import datetime

from django.db import transaction

from apps.opendata.datasets import FIGURES
from apps.opendata.models import FrozenRelease


def release_freeze(*, as_at, user=None, note=""):
    """Keep the regional figures as at ``as_at`` (normally 31 December) as they are now.

    A date already frozen stays as it was: a release is never rewritten, so what was
    published can always be downloaded again. Returns (release, created).
    """
    if isinstance(as_at, str):
        as_at = datetime.date.fromisoformat(as_at)
    with transaction.atomic():
        existing = FrozenRelease.objects.select_for_update().filter(as_at=as_at).first()
        if existing is not None:
            return existing, False
        release = FrozenRelease(
            as_at=as_at,
            fields=[field.schema() | {"path": field.name} for field in FIGURES.fields],
            rows=[list(row) for row in FIGURES.rows(as_at=as_at)],
            frozen_by=user,
            note=note,
        )
        release.full_clean()
        release.save()
    return release, True
