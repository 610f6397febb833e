"""How a province compares: its contracts last year against the year before, and its place
among the provinces of its macro-region by contracts in all years.

Counts only, from the same summary tables as every other figure (a province's row of the home
page's table, its own rows by year): no sum, so nothing here can reveal a contract's amount.
The method is on the definitions page (``comparison``).
"""

from dataclasses import dataclass

from apps.regions.models import Province


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
        if not self.previous:
            return None
        return round(self.change * 100 / self.previous, 1)


@dataclass(frozen=True)
class Place:
    macro_region: str
    rank: int
    peers: int
    contracts: int


def year_on_year(overview):
    """The last full year's contracts against the year before's (None before two years)."""
    last = overview["today"].year - 1
    by_year = {row["year"]: row["contracts"] for row in overview["years"]}
    if last not in by_year and last - 1 not in by_year:
        return None
    return YearOnYear(last, by_year.get(last, 0), last - 1, by_year.get(last - 1, 0))


def macro_region_place(province, home):
    """The province's place by contracts (all years) among its macro-region's provinces: one
    more than the number with more contracts, so provinces level share a place."""
    peers = set(
        Province.objects.filter(macro_region=province.macro_region).values_list("code", flat=True)
    )
    counts = {row["code"]: row["contracts"] for row in home["provinces"] if row["code"] in peers}
    own = counts.get(province.code, 0)
    return Place(
        macro_region=province.get_macro_region_display(),
        rank=1 + sum(1 for count in counts.values() if count > own),
        peers=len(counts),
        contracts=own,
    )
