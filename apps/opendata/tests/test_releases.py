import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.events.models import ExchangeEvent
from apps.opendata.models import FrozenRelease
from apps.opendata.services import release_freeze
from apps.opendata.tests.conftest import body
from apps.public.tests.sample import clear_caches

AS_AT = datetime.date(2025, 12, 31)


def figure(rows, year, province_code, column, names):
    for row in rows:
        if row[0] == year and row[1] == province_code:
            return row[names.index(column)]
    return 0


@pytest.mark.django_db
def test_frozen_year_end_figures_stay_as_published_and_corrections_are_listed(sample, client):
    event = ExchangeEvent.objects.published().filter(start_on__lte=AS_AT).first()
    year, province = event.start_on.year, event.province.code
    release, created = release_freeze(as_at=AS_AT)
    assert created
    names = [field["name"] for field in release.fields]
    frozen_count = figure(release.rows, year, province, "events_held", names)
    assert frozen_count >= 1

    # A correction after the freeze: the event was not public after all.
    event.is_public = False
    event.save()

    frozen = json.loads(body(client.get(f"/data/releases/{AS_AT.isoformat()}.json")))
    assert (
        figure([list(row.values()) for row in frozen["rows"]], year, province, "events_held", names)
        == frozen_count
    )
    assert frozen["corrections"] == [
        {
            "year": year,
            "province_code": province,
            "province": event.province.name_zh,
            "field": "events_held",
            "title": frozen["fields"][names.index("events_held")]["title"],
            "published": frozen_count,
            "now": frozen_count - 1,
        }
    ]
    live = body(client.get("/data/regional-figures.csv")).decode("utf-8-sig")
    assert live  # the live figures follow the correction
    page = client.get("/en/data/").content.decode()
    assert "Figures as at 2025-12-31" in page
    # The correction names the figure as readers know it, not by its column name.
    corrections = page.split('class="corrections"')[1].split("</table>")[0]
    assert "Exchange events held" in corrections and "events_held" not in corrections

    # Freezing the same date again keeps what was published.
    again, created = release_freeze(as_at=AS_AT)
    assert not created and again.rows == release.rows


@pytest.mark.django_db
def test_staff_freeze_the_figures_in_the_admin(sample, staff_client):
    url = reverse("admin:opendata_frozenrelease_freeze")
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"as_at": "2025-12-31", "note": "年终数据"})
    assert response.status_code == 302
    release = FrozenRelease.objects.get()
    assert release.as_at == AS_AT and release.frozen_by.username == "hq-admin"
    wrong = staff_client.post(url, {"as_at": "31/12/2025"})
    assert wrong.status_code == 200 and "as_at" in wrong.context["form"].errors
    mid_year = staff_client.post(url, {"as_at": "2025-06-30", "note": "年中"})
    assert mid_year.status_code == 200
    assert "12月31日" in mid_year.context["form"].errors["as_at"][0]
    assert mid_year.context["form"]["note"].value() == "年中"  # nothing entered is lost
    assert FrozenRelease.objects.count() == 1


@pytest.mark.django_db
def test_the_data_page_takes_the_same_queries_for_one_release_and_many(
    sample, client, django_assert_max_num_queries
):
    release_freeze(as_at=AS_AT)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/data/").status_code == 200
    for year in range(2015, 2025):
        release_freeze(as_at=datetime.date(year, 12, 31))
    clear_caches()
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/data/")
    assert page.content.decode().count('class="release"') == 11
