"""Comparisons for officials: a city against last year and its province's cities, the dossier's
comparison, and two regions side by side (/compare/), recounted by independent queries."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from apps.agreements.models import Contract, CooperationAgreement
from apps.agreements.tests.factories import ContractFactory
from apps.dossiers import render
from apps.dossiers import selectors as dossiers
from apps.events.models import ExchangeEvent
from apps.events.tests.factories import ExchangeEventFactory
from apps.institutes.models import JointInstitute
from apps.offices.models import CooperationOffice
from apps.projects.models import CooperationProject
from apps.public.tests.sample import clear_caches
from apps.regions.models import Province
from apps.regions.tests.factories import CityFactory

pytestmark = pytest.mark.django_db

# Each figure of the page of two regions, with its records and the date its year is read from.
RECOUNTED = {
    "agreements": (CooperationAgreement, "signed_on"),
    "contracts": (Contract, "signed_on"),
    "projects": (CooperationProject, "started_on"),
    "institutes": (JointInstitute, "established_on"),
    "offices": (CooperationOffice, "opened_on"),
    "events": (ExchangeEvent, "start_on"),
}


def text(response):
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def nanjing_with_contracts(sample, last_year, n):
    nanjing = CityFactory(
        code="320100", province=sample.jiangsu, name_zh="南京市", name_en="Nanjing"
    )
    for day in range(1, n + 1):
        ContractFactory(
            province=sample.jiangsu, city=nanjing, signed_on=datetime.date(last_year, 2, day)
        )
    clear_caches()
    return nanjing


def test_city_page_states_its_change_and_place_among_its_provinces_cities(client, sample):
    last = sample.today.year - 1
    nanjing = nanjing_with_contracts(sample, last, 5)
    counts = {
        city.code: Contract.objects.published().in_region(city).count()
        for city in (sample.suzhou, nanjing)
    }
    assert counts["320100"] > counts["320500"]  # Nanjing first, Suzhou second of two
    english = text(client.get("/en/cities/320500/"))
    chinese = text(client.get("/cities/320500/"))
    assert 'id="comparison"' in english and 'href="/en/definitions/#comparison"' in english
    assert "place 2 of the 2 cities of Jiangsu" in english
    assert "按历年合同数在江苏省2个市（区）中居第2位。" in chinese
    nanjing_page = text(client.get("/en/cities/320100/"))
    assert f"{last}: 5 contracts signed, 5 more than in {last - 1}" in nanjing_page
    assert "place 1 of the 2 cities of Jiangsu" in nanjing_page
    # A district is not ranked (its city is), and the page links to the page of two regions.
    assert "cities of Jiangsu" not in text(client.get("/en/cities/320509/"))
    assert 'href="/compare/?a=320500"' in chinese
    assert 'href="/en/compare/?a=320000"' in text(client.get("/en/regions/320000/"))


def test_dossier_states_the_comparison_in_both_languages(sample):
    last = sample.today.year - 1
    nanjing_with_contracts(sample, last, 2)
    # Jiangsu has the most contracts of the provinces of East China (all the sample's are).
    peers = Province.objects.filter(macro_region=sample.jiangsu.macro_region).count()
    for code, english, chinese in [
        (
            "320000",
            f"place 1 of the {peers} provinces of East China",
            f"在华东{peers}个省级行政区中居第1位",
        ),
        ("320500", "place 1 of the 2 cities of Jiangsu", "在江苏省2个市（区）中居第1位"),
    ]:
        kind = "province" if code.endswith("0000") else "city"
        for language, expected in (("en", english), ("zh-hans", chinese)):
            with translation.override(language):
                data = dossiers.dossier_data(dossiers.region_for(kind, code))
                page = html.unescape(render.dossier_html(data))
            assert expected in page, (code, language)
    with translation.override("en"):
        jiangsu = dossiers.dossier_data(dossiers.region_for("province", "320000"))
    yoy = jiangsu["comparison"]["year_on_year"]
    jiangsu_contracts = Contract.objects.published().filter(province__code="320000")
    assert yoy.contracts == jiangsu_contracts.filter(signed_on__year=last).count() == 2
    assert yoy.previous == jiangsu_contracts.filter(signed_on__year=last - 1).count()


def number(shown):
    return int(shown.replace(",", ""))


def compared_cells(page, key):
    """The figures of one row of the page of two regions: (total, last year's new) per region."""
    body = re.search(rf'<tbody data-figure="{key}">(.*?)</tbody>', page).group(1)
    totals = re.findall(r'<span class="compare-total">([^<]*)<', body)
    new = re.findall(r"(\d{4}): ([\d,]+) new, against ([\d,]+) in (\d{4})", body)
    return totals, new


def recount(model, date_field, region, year):
    records = model.objects.published().in_region(region)
    counted = records.counted()
    return (
        counted.count(),
        records.filter(**{f"{date_field}__year": year}).counted().count(),
        records.filter(**{f"{date_field}__year": year - 1}).counted().count(),
    )


def assert_page_recounts(client, regions, last):
    page = text(client.get(f"/en/compare/?a={regions[0].code}&b={regions[1].code}"))
    for key, (model, date_field) in RECOUNTED.items():
        totals, new = compared_cells(page, key)
        expected = [recount(model, date_field, region, last) for region in regions]
        assert [number(t) for t in totals] == [e[0] for e in expected], key
        assert [(int(y), number(n), number(p), int(py)) for y, n, p, py in new] == [
            (last, e[1], e[2], last - 1) for e in expected
        ], key
    return page


def test_two_regions_side_by_side_recount_every_figure_before_and_after_a_change(client, sample):
    last = sample.today.year - 1
    regions = (sample.jiangsu, sample.suzhou)
    page = assert_page_recounts(client, regions, last)
    assert "Jiangsu and Suzhou compared" in page
    for record in (
        ContractFactory(
            province=sample.jiangsu, city=sample.suzhou, signed_on=datetime.date(last, 5, 1)
        ),
        ExchangeEventFactory(
            province=sample.jiangsu, city=sample.suzhou, start_on=datetime.date(last - 1, 5, 1)
        ),
    ):
        assert record.pk
    clear_caches()
    assert_page_recounts(client, regions, last)
    chinese = text(client.get("/compare/?a=320000&b=640000"))
    assert "江苏省与宁夏回族自治区比较" in chinese and f"{last}年新增" in chinese
    # No contract's amount: values as released for all years only, never by year.
    assert "never given by year" in page and "不按年份公布" in chinese


def test_wrong_choices_say_what_is_wrong_and_keep_the_choice(client, sample):
    unknown = client.get("/en/compare/?a=320000&b=999999")
    assert unknown.status_code == 400
    page = text(unknown)
    assert "No region has the code “999999”: choose one from the list." in page
    assert '<option value="320000" selected>' in page
    chinese = text(client.get("/compare/?a=abc&b=640000"))
    assert "没有代码为“abc”的地区，请从列表中选择。" in chinese
    assert '<option value="640000" selected>' in chinese
    same = client.get("/compare/?a=320500&b=320500")
    assert same.status_code == 400
    assert "两次选择的是同一个地区，请选择两个不同的地区。" in text(same)
    assert "Both choices are the same region" in text(client.get("/en/compare/?a=320500&b=320500"))
    # One region chosen (the link from its page): the form, with it chosen.
    start = client.get("/en/compare/?a=320000")
    assert start.status_code == 200 and '<option value="320000" selected>' in text(start)
    # A district (reached from its page) is not in the list, but is compared and stays chosen.
    district = client.get("/en/compare/?a=320509&b=320500")
    assert district.status_code == 200
    assert '<option value="320509" selected>' in text(district)
    assert "Wujiang District and Suzhou compared" in text(district)
    # The select list is grouped by province and holds the cities.
    assert '<optgroup label="Jiangsu"><option value="320000"' in text(start)
    assert '<option value="320500">Suzhou</option>' in text(start)


def test_page_of_two_regions_is_cached_and_its_queries_do_not_grow_with_rows(
    client, sample, django_assert_max_num_queries
):
    url = "/compare/?a=320000&b=320500"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for day in range(1, 25):
        ContractFactory(
            province=sample.jiangsu, city=sample.suzhou, signed_on=datetime.date(2021, 1, day)
        )
        ExchangeEventFactory(
            province=sample.jiangsu, city=sample.suzhou, start_on=datetime.date(2022, 1, day)
        )
    clear_caches()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get(url).status_code == 200
