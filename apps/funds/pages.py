"""The public pages of cooperation funds (read by apps.public through the registry)."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core import pages
from apps.funds import selectors
from apps.funds.filters import CooperationFundFilterSet

PAGES = pages.PublicPages(
    name="fund",
    slug="funds",
    menu_label=gettext_lazy("Funds"),
    position=30,
    search_kind="fund",
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Cooperation funds"),
        lead=pgettext_lazy(
            "public site",
            "Funds set up with local governments to turn the university's achievements into "
            "production.",
        ),
        empty_text=pgettext_lazy("public site", "No fund matches these filters."),
        selector=selectors.public_fund_list,
        filterset=CooperationFundFilterSet,
        item_template="funds/public/item.html",
        year_label=pgettext_lazy("public site", "Year established"),
    ),
    detail=pages.DetailPage(
        selector=selectors.public_fund_page, template="funds/public/detail.html"
    ),
    region_section=pages.RegionSection(
        "funds", selectors.public_funds_in_region, "funds/public/region_section.html", position=20
    ),
    figure_column=pages.FigureColumn(
        "funds",
        pgettext_lazy("public table", "Funds"),
        "funds",
        chart_label=pgettext_lazy("public site", "Cooperation funds"),
        position=50,
        in_places=False,
    ),
    map_markers=pages.MapMarkers(
        "funds",
        selectors.public_funds_on_map,
        pgettext_lazy("public site", "Cooperation funds"),
        position=30,
        figures=selectors.committed_in_total,
        symbol="triangle",
        color="#3a8f5c",
    ),
    headline_figure=pages.HeadlineFigure(
        "funds", "funds/public/figure.html", position=30, amounts=selectors.committed_amount
    ),
    definition=pages.Definition(
        "funds",
        pgettext_lazy("definitions", "Cooperation funds and committed size"),
        pgettext_lazy(
            "definitions",
            "Funds set up with local governments to finance cooperation projects. The committed "
            "size is what the parties agreed to provide in total; the contributions listed on a "
            "fund's page are what has been paid in so far, so the two can differ.",
        ),
    ),
)
