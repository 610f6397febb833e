"""One version per answer: while a rebuild is pending, a page reads the previous build whole,
its cells and the records it left out for now alike, never the records as they are now
(issue 20: a city page showed 3 events held this year where there were 4, before and after a
change)."""

import datetime

import pytest
from django.utils import timezone

from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory
from apps.figures import tasks
from apps.figures.summary import current_build
from apps.figures.tests.test_background import in_background  # noqa: F401 — a fixture
from apps.public import selectors
from apps.public.tests.sample import clear_caches
from tsinghua_coop.celery import app

pytestmark = pytest.mark.django_db


def held_this_year(city):
    overview = selectors.city_overview(city)
    this_year = timezone.localdate().year
    return {
        "events held": overview["figures"]["events_held"],
        "this year": next(
            (row["events"] for row in overview["years"] if row["year"] == this_year), 0
        ),
    }


def test_a_pending_rebuild_never_mixes_two_versions(sample, in_background):  # noqa: F811
    app.control.purge()
    today = timezone.localdate()
    city = sample.suzhou
    held_on = today.replace(month=1, day=2) if today > today.replace(month=1, day=2) else today
    for n in range(4):
        ExchangeEventFactory(
            code=f"held-{n}", city=city, province=city.province, start_on=held_on, is_public=True
        )
    current_build()  # the reader builds (no build yet)
    before = held_this_year(city)

    # Announced for later this year (or early next), saved while no worker rebuilds.
    later = today + datetime.timedelta(days=10)
    ExchangeEventFactory(
        code="announced", city=city, province=city.province, start_on=later, is_public=True
    )
    clear_caches()
    assert held_this_year(city) == before  # the previous build, whole

    assert tasks.rebuild_figures() == 1  # what the worker runs
    clear_caches()
    assert held_this_year(city) == before  # announced, so not held: the same figures
    assert ExchangeEvent.objects.filter(city=city, start_on__lte=today).count() >= 4
    app.control.purge()
