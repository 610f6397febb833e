"""The public pages of cooperation offices (read by apps.public through the registry)."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core import pages
from apps.offices import selectors
from apps.offices.filters import CooperationOfficeFilterSet

PAGES = pages.PublicPages(
    name="office",
    slug="offices",
    menu_label=gettext_lazy("Offices"),
    position=40,
    search_kind="office",
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Cooperation offices"),
        lead=pgettext_lazy(
            "public site",
            "Offices for industry–education–research cooperation in key municipalities and "
            "regions.",
        ),
        empty_text=pgettext_lazy("public site", "No office matches these filters."),
        selector=selectors.public_office_list,
        filterset=CooperationOfficeFilterSet,
        item_template="offices/public/item.html",
        year_label=pgettext_lazy("public site", "Year opened"),
    ),
    detail=pages.DetailPage(
        selector=selectors.public_office_page, template="offices/public/detail.html"
    ),
    region_section=pages.RegionSection(
        "offices",
        selectors.public_offices_in_region,
        "offices/public/region_section.html",
        position=30,
    ),
    figure_column=pages.FigureColumn(
        "offices",
        pgettext_lazy("public table", "Offices"),
        "offices",
        chart_label=pgettext_lazy("public site", "Cooperation offices"),
        position=30,
    ),
    map_markers=pages.MapMarkers(
        "offices",
        selectors.public_offices_on_map,
        pgettext_lazy("public site", "Cooperation offices"),
        position=10,
        symbol="circle",
        color="#c25e00",
    ),
    headline_figure=pages.HeadlineFigure("offices", "offices/public/figure.html", position=40),
    definition=pages.Definition(
        "offices",
        pgettext_lazy("definitions", "Cooperation offices"),
        pgettext_lazy(
            "definitions",
            "The department's offices in municipalities and regions that are open today (closed "
            "offices are not counted).",
        ),
    ),
)
