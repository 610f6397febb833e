"""The map and the bars drawn by the server: what an official reads off them matches the tables."""

import re
from datetime import date

import pytest
from django.utils import translation

from apps.public import selectors
from apps.public.barcharts import _labelled_years, kinds_chart, nice_scale, trend_chart
from apps.public.chinamap import NO_VALUE_COLOR, china_map, quantile_classes

pytestmark = pytest.mark.django_db


def test_scale_tops_at_a_round_number_at_or_above_the_largest_bar():
    assert nice_scale(0) == (1, 1)
    assert nice_scale(4) == (4, 1)
    assert nice_scale(7) == (8, 2)
    assert nice_scale(99) == (100, 25)
    assert nice_scale(101) == (150, 50)
    assert nice_scale(1234) == (1500, 500)
    for largest in range(1, 2000, 37):
        top, step = nice_scale(largest)
        assert top >= largest and top % step == 0 and top // step <= 5


def test_year_labels_never_crowd_the_first_and_last_years():
    assert _labelled_years(list(range(2018, 2027))) == set(range(2018, 2027))
    assert _labelled_years(list(range(1991, 2027))) == {
        1991,
        1995,
        2000,
        2005,
        2010,
        2015,
        2020,
        2026,
    }


def test_trend_bars_are_the_tables_counts_and_the_current_year_is_marked():
    overview = {
        "today": date(2026, 6, 30),
        "years": [
            {"year": 2024, "contracts": 10, "events": 4, "value": None},
            {"year": 2025, "contracts": 0, "events": 0, "value": None, "empty": True},
            {"year": 2026, "contracts": 5, "events": 8, "value": None, "partial": True},
        ],
    }
    with translation.override("zh-hans"):
        chart = trend_chart(overview)
    assert [t.label for t in chart.ticks] == ["0", "5", "10"]
    first, gap, current = chart.columns
    assert [(b.series, b.value, b.percent) for b in first.bars] == [
        ("contracts", 10, 100.0),
        ("events", 4, 40.0),
    ]
    assert gap.empty and all(b.percent == 0 for b in gap.bars)
    assert current.partial and current.label == "2026*"
    assert current.title == "2026* · 合同数：5 · 已举办交流活动：8"
    assert "2026年仅统计至6月30日" in chart.note


def test_kind_bars_are_as_wide_as_their_share_of_the_largest():
    rows = [{"label": "技术开发", "contracts": 1200}, {"label": "技术咨询", "contracts": 300}]
    assert [(r.shown, r.percent) for r in kinds_chart(rows, "contracts")] == [
        ("1,200", 100.0),
        ("300", 25.0),
    ]
    assert kinds_chart([{"label": "x", "events": 0}], "events")[0].percent == 0.0


def test_quantile_classes_hold_about_as_many_provinces_each():
    classes = quantile_classes([None, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    assert [(c.low, c.high) for c in classes] == [(1, 2), (3, 4), (5, 6), (7, 8), (9, 100)]
    assert classes[-1].holds(100) and not classes[0].holds(0)
    assert [(c.low, c.high) for c in quantile_classes([7, 7, 7])] == [(7, 7)]


def test_home_map_shades_each_province_by_both_measures_and_names_its_figures(client, sample):
    html = client.get("/").content.decode()
    jiangsu = re.search(
        r'<a href="/regions/320000/"><title>(.*?)</title><path d="[^"]+" style="([^"]+)"',
        html,
        re.S,
    )
    title, style = jiangsu.groups()
    assert title.splitlines()[:2] == ["江苏省", "合同数：4"]
    assert "--fill-value:" in style and "--fill-contracts:" in style
    # A province with no contract keeps the grey of "withheld or no contract".
    beijing = re.search(
        r'<a href="/regions/110000/"><title>[^<]*</title><path d="[^"]+" style="([^"]+)"', html
    )
    assert beijing.group(1) == f"--fill-value:{NO_VALUE_COLOR};--fill-contracts:{NO_VALUE_COLOR}"
    # Both legends are in the page; the chosen measure shows one (CSS).
    assert 'class="map-legend map-legend--value"' in html
    assert 'class="map-legend map-legend--contracts"' in html
    # The islands' inset is drawn, not linked.
    assert re.search(r'<path class="china-map__other" d="[^"]+"><title>南海诸岛</title>', html)


def _bounding_box(d):
    """The box around an outline written as "M x y l dx dy … z" (one or more rings)."""
    xs, ys = [], []
    for ring in re.findall(r"M([^z]+)z", d):
        start, _l, moves = ring.partition("l")
        x, y = map(float, start.split())
        xs.append(x), ys.append(y)
        numbers = list(map(float, moves.split()))
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            xs.append(x), ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def test_markers_sit_inside_their_province(sample):
    with translation.override("zh-hans"):
        drawn = china_map(selectors.home_overview())
    jiangsu = next(r for r in drawn["regions"] if r.url == "/regions/320000/")
    left, top, right, bottom = _bounding_box(jiangsu.d)
    in_suzhou = [m for m in drawn["markers"] if "苏州" in m.title]
    assert in_suzhou
    for marker in in_suzhou:
        assert left <= marker.x <= right and top <= marker.y <= bottom
