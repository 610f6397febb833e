"""How a region compares: its contracts last year against the year before, and its place among
its peers by contracts in all years: a province among the provinces of its macro-region, a
city among the cities of its province (a municipality's districts are its cities).

Counts only, from the same summary tables as every other figure (a province's row of the home
page's table, a city's row of its province's table, a region's own rows by year): no sum, so
nothing here can reveal a contract's amount. The method is on the definitions page
(``comparison``). The province and city pages, the dossiers and the page that puts two regions
side by side all read it from here.
"""

from dataclasses import dataclass

from apps.regions.models import City, Province


@dataclass(frozen=True)
class YearOnYear:
    year: int
    contracts: int
    previous_year: int
    previous: int

    @property
    def change(self):
        return self.contracts - self.previous

    @property
    def difference(self):
        return abs(self.change)

    @property
    def percent(self):
        """The change in per cent of the year before, or None where it had none."""
        return percent_change(self.contracts, self.previous)


def percent_change(value, previous):
    """``value`` against ``previous`` in per cent of ``previous`` (None where it was nothing)."""
    if not previous:
        return None
    return round((value - previous) * 100 / previous, 1)


@dataclass(frozen=True)
class Place:
    # The macro-region's name (a province's peers) or the province's (a city's peers).
    group: str
    rank: int
    peers: int
    contracts: int
    # Whether the peers are the cities of a province rather than the provinces of a macro-region.
    cities: bool = False


def year_on_year(overview):
    """The last full year's contracts against the year before's (None before two years)."""
    last = overview["today"].year - 1
    by_year = {row["year"]: row["contracts"] for row in overview["years"]}
    if last not in by_year and last - 1 not in by_year:
        return None
    return YearOnYear(last, by_year.get(last, 0), last - 1, by_year.get(last - 1, 0))


def _place(own_code, counts):
    """One more than the number of peers with more contracts: peers level share a place."""
    own = counts.get(own_code, 0)
    return 1 + sum(1 for count in counts.values() if count > own), len(counts), own


def macro_region_place(province, provinces):
    """The province's place by contracts (all years) among its macro-region's provinces.
    ``provinces``: rows with "code" and "contracts" (the home page's table of provinces)."""
    peers = set(
        Province.objects.filter(macro_region=province.macro_region).values_list("code", flat=True)
    )
    counts = {row["code"]: row["contracts"] for row in provinces if row["code"] in peers}
    rank, number, own = _place(province.code, counts)
    return Place(province.get_macro_region_display(), rank, number, own)


def province_place(city, places):
    """A city's place by contracts (all years) among the cities of its province (a
    municipality's districts), those without a record counting as none. ``places``: rows with
    "code" and "contracts" (its province's table of cities). None for a district under a city:
    its city is the one compared."""
    if city.parent_id is not None:
        return None
    peers = City.objects.filter(province_id=city.province_id, parent__isnull=True).values_list(
        "code", flat=True
    )
    contracts = {row["code"]: row["contracts"] for row in places}
    counts = {code: contracts.get(code, 0) for code in peers}
    rank, number, own = _place(city.code, counts)
    return Place(city.province.name, rank, number, own, cities=True)


def region_comparison(region, overview, *, provinces=None, places=None):
    """Both comparisons of a province (``provinces``: the home page's rows) or of a city
    (``places``: its province's rows of cities), as the pages and dossiers show them."""
    if isinstance(region, Province):
        place = macro_region_place(region, provinces)
    else:
        place = province_place(region, places)
    return {"year_on_year": year_on_year(overview), "place": place}
