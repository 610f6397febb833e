"""A province against last year and against its macro-region: counts an official can recount."""

import datetime
import re

import pytest

from apps.public.comparisons import macro_region_place, year_on_year
from apps.regions.models import MacroRegion
from apps.regions.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db


def overview(today, **by_year):
    return {
        "today": today,
        "years": [{"year": int(year[1:]), "contracts": n} for year, n in by_year.items()],
    }


def test_last_full_year_against_the_year_before():
    change = year_on_year(overview(datetime.date(2026, 6, 1), y2024=8, y2025=10, y2026=3))
    assert (change.year, change.contracts, change.previous_year, change.previous) == (
        2025,
        10,
        2024,
        8,
    )
    assert (change.change, change.difference, change.percent) == (2, 2, 25.0)
    fewer = year_on_year(overview(datetime.date(2026, 6, 1), y2024=8, y2025=6))
    assert (fewer.change, fewer.difference, fewer.percent) == (-2, 2, -25.0)
    # No contract the year before: a change, but no percentage of nothing.
    assert year_on_year(overview(datetime.date(2026, 6, 1), y2025=4)).percent is None
    assert year_on_year(overview(datetime.date(2026, 6, 1), y2026=4)) is None


def test_place_among_the_macro_regions_provinces_shares_ties():
    north = [ProvinceFactory(macro_region=MacroRegion.NORTH) for _ in range(4)]
    east = ProvinceFactory(macro_region=MacroRegion.EAST)
    counts = dict(zip([p.code for p in north], [12, 30, 12, 5], strict=True))
    home = {"provinces": [{"code": code, "contracts": n} for code, n in counts.items()]}
    home["provinces"].append({"code": east.code, "contracts": 100})  # another macro-region
    places = [macro_region_place(p, home["provinces"]) for p in north]
    assert [(p.rank, p.peers) for p in places] == [(2, 4), (1, 4), (2, 4), (4, 4)]


def test_province_page_states_both_comparisons_with_their_definition(client, sample):
    chinese = client.get("/regions/320000/").content.decode()
    english = client.get("/en/regions/320000/").content.decode()
    assert 'id="comparison"' in chinese and 'href="/definitions/#comparison"' in chinese
    # The sample's provinces are all in East China; Jiangsu has the most contracts.
    assert "按历年合同数在华东" in chinese and "居第1位" in chinese
    assert "place 1 of the" in english and "provinces of East China" in english
    assert re.search(r"\d{4}: \d+ contracts? signed, ", english)
    assert re.search(r"\d{4}年签订合同\d+份，", chinese) and "居第1位。" in chinese
    definitions = client.get("/definitions/").content.decode()
    assert 'id="comparison"' in definitions
    # A city's page compares it with its province's cities (apps/public/tests/test_compare.py).
    assert "个市（区）中居第1位" in client.get("/cities/320500/").content.decode()
