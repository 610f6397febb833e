"""One as-of time per build of the figures, from the database's own change log: a change made in
SQL moves it, and every page of that build states the same time (issue 20)."""

import datetime
import io

import pytest
from django.db import connection
from django.utils import timezone, translation
from pypdf import PdfReader
from rest_framework.test import APIClient

from apps.agreements.models import CooperationAgreement
from apps.dossiers import render, selectors
from apps.figures.models import Build
from apps.figures.summary import current_build
from apps.public.tests.sample import clear_caches
from apps.regions.models import City, Province

pytestmark = pytest.mark.django_db


def as_of_texts(client, province, city, agreement):
    """The as-of time each page of the build prints, in the format it prints it."""
    pages = {
        "home": "/",
        "province": f"/regions/{province.code}/",
        "city": f"/cities/{city.code}/",
        "definitions": "/definitions/",
        "province dossier": f"/regions/{province.code}/dossier/",
        "city dossier": f"/cities/{city.code}/dossier/",
        "open data": "/data/",
        "agreement outcomes": f"/agreements/{agreement.number}/",
    }
    texts = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        texts[name] = response.content.decode()
    return texts


def shown(when):
    """The minute a page prints for ``when`` (Beijing time), as "Y-m-d H:i" or Chinese date
    formats print it."""
    local = timezone.localtime(when)
    return {
        local.strftime("%Y-%m-%d %H:%M"),
        f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}",
    }


def test_a_change_made_in_sql_moves_the_as_of_time_on_every_page(
    demo_data, client, django_capture_on_commit_callbacks
):
    current_build()
    province = Province.objects.get(code="320000")  # Jiangsu
    city = City.objects.filter(province=province, parent=None, contracts__isnull=False).first()
    agreement = CooperationAgreement.objects.published().first()
    # The pages print the build's time, not the clock's nor the records' updated_at.
    long_ago = datetime.datetime(2026, 1, 2, 3, 4, tzinfo=datetime.UTC)
    Build.objects.update(data_as_of=long_ago)
    clear_caches()
    assert any(form in client.get("/").content.decode() for form in shown(long_ago))

    # A change outside Django: no signal, no updated_at; the database's triggers note it.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE agreements_contract SET title_zh = title_zh || '（修订）' "
            "WHERE id = (SELECT min(id) FROM agreements_contract)"
        )
    with django_capture_on_commit_callbacks(execute=True):  # the rebuild's commit
        current_build()
    after = Build.objects.get().data_as_of
    assert after > long_ago
    assert timezone.now() - after < datetime.timedelta(minutes=10)

    for name, html in as_of_texts(client, province, city, agreement).items():
        assert any(form in html for form in shown(after)), (name, shown(after))
        assert not any(form in html for form in shown(long_ago)), name

    # The API's summary states the same build's time.
    answer = APIClient().get("/api/v1/stats/summary/", {"province": province.code}).json()
    assert datetime.datetime.fromisoformat(answer["as_of"]) == after

    # The PDF the worker renders for this build.
    with translation.override("zh-hans"):
        pdf = render.dossier_pdf(selectors.dossier_data(province))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert any(form in text for form in shown(after)), shown(after)
