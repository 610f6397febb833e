"""How figures read: units and rounding, none versus withheld, downloads of the tables shown,
the definitions every figure links to, search results grouped, highlighted and paged."""

import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from apps.core.money import money_with_unit
from apps.events.tests.factories import ExchangeEventFactory
from apps.public.formatting import place_name
from apps.search.services import rebuild_index

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "amount", "shown"),
    [
        ("zh-hans", "10765000", "1,076.50 万元"),
        ("zh-hans", "26950000", "2,695.00 万元"),
        ("zh-hans", "60000000.00", "6,000.00 万元"),
        ("zh-hans", "111000000", "11,100.00 万元"),
        ("zh-hans", "12345.50", "1.23 万元"),
        ("zh-hans", "12350.00", "1.24 万元"),  # half up, not to even and not cut off
        ("en", "10765000", "CNY 10.77 million"),
        ("en", "26950000", "CNY 26.95 million"),
        ("en", "60000000", "CNY 60.00 million"),
        ("en", "1005000", "CNY 1.01 million"),
    ],
)
def test_money_is_rounded_half_up_in_one_unit_with_the_two_promised_places(language, amount, shown):
    with translation.override(language):
        assert money_with_unit(Decimal(amount)) == shown


def test_places_are_written_province_first_in_chinese_and_city_first_in_english(sample):
    with translation.override("zh-hans"):
        assert place_name(sample.jiangsu, sample.suzhou) == "江苏省苏州市"
    with translation.override("en"):
        assert place_name(sample.jiangsu, sample.suzhou) == "Suzhou, Jiangsu"


def cells(html, table_key):
    """The text of every body cell of one table on a page, row by row."""
    table = re.search(rf'id="table-{table_key}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def test_no_record_is_a_dash_and_a_withheld_value_says_so(client, sample):
    html = client.get("/regions/").content.decode()
    rows = {row[0]: row for row in cells(html, "provinces")}
    assert rows["北京市"][1:3] == ["0", "—"]  # no contract: nothing to withhold
    assert rows["宁夏回族自治区"][1:3] == ["1", "不公开"]  # one contract: withheld
    # The reason is given once on the page, and every withheld cell points to it.
    assert html.count('id="withheld-note"') == 1
    assert html.count('href="#withheld-note"') == 2


def test_this_year_counts_only_events_already_held(client, sample):
    today = sample.today
    ExchangeEventFactory(
        code="later", province=sample.jiangsu, start_on=today + datetime.timedelta(days=1)
    )
    held = 1 if today.month > 1 or today.day >= 15 else 0
    html = client.get("/").content.decode()
    shown = re.search(r'data-figure="events_this_year">.*?figure__value">(\d+)<', html, re.S).group(
        1
    )
    assert shown == str(held)


def test_csv_download_holds_exactly_the_cells_shown_with_time_and_definitions(client, sample):
    html = client.get("/regions/").content.decode()
    shown = cells(html, "provinces")
    response = client.get("/tables/provinces.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert lines[0] == ["全国 · 各省级行政区合作情况"]
    assert lines[1][0].startswith("数据更新至")
    assert lines[2][:3] == ["省级行政区", "合同数", "合同金额（万元）"]
    body = lines[3 : 3 + len(shown)]
    # The same cells, numbers without the thousands separators the page adds.
    assert [[cell.replace(",", "") for cell in row] for row in shown] == body
    assert "统计口径" in [line[0] for line in lines if line]
    assert any(line and line[0].startswith("不公开的数值") for line in lines)


def test_xlsx_download_of_a_region_table_in_english(client, sample):
    response = client.get("/en/regions/320000/tables/years.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Jiangsu · Contracts and exchange events by year"]
    assert rows[2] == ["Year", "Contracts signed", "Events held"]
    years = {row[0]: row[1:] for row in rows[3:] if row and str(row[0])[:4].isdigit()}
    assert years["2014"] == [1, "—"] or years["2014"] == [1, 0]
    assert client.get("/en/regions/320000/tables/nothing.xlsx").status_code == 404
    assert client.get("/en/regions/320000/tables/years.pdf").status_code == 404


def test_every_figure_links_to_a_definition_that_exists(client, sample):
    definitions = client.get("/definitions/").content.decode()
    anchors = set(re.findall(r'<dt id="([\w-]+)"', definitions))
    for page in ["/", "/regions/320000/", "/cities/320500/"]:
        html = client.get(page).content.decode()
        linked = set(re.findall(r'href="/definitions/#([\w-]+)"', html))
        assert linked and linked <= anchors, page


def test_empty_region_page_draws_no_chart_and_loads_no_chart_code(client, sample):
    html = client.get("/regions/110000/").content.decode()
    assert 'class="bars' not in html and 'class="hbars' not in html
    drawn = client.get("/regions/320000/").content.decode()
    assert 'class="bars"' in drawn and 'class="hbars"' in drawn
    # The bars are the page's own HTML: no page loads chart code.
    assert re.findall(r"<script src=\"([^\"]+)\"", drawn) == ["/static/js/site.js"]


def test_search_groups_results_by_kind_highlights_words_and_pages_a_kind(client, sample):
    for number in range(25):
        ExchangeEventFactory(
            code=f"oled-{number}",
            title_zh=f"有机发光显示对接会{number}",
            title_en=f"OLED fair {number}",
            province=sample.jiangsu,
        )
    rebuild_index()  # the index follows records on commit; this test's transaction never commits
    html = client.get("/search/", {"q": "有机发光"}).content.decode()
    assert re.search(r'<h2 id="group-event">', html)
    assert re.search(r'<h2 id="group-project">', html)
    assert "<mark>有机发光</mark>" in html
    page_one = client.get("/search/", {"q": "有机发光", "kind": "event"}).content.decode()
    assert page_one.count('data-kind="event"') == 20
    page_two = client.get(
        "/search/", {"q": "有机发光", "kind": "event", "page": 2}
    ).content.decode()
    assert page_two.count('data-kind="event"') == 5
    english = client.get("/en/search/", {"q": "OLED"}).content.decode()
    assert "<mark>OLED</mark> fair" in english
