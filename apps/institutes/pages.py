"""The public pages of joint research institutes (read by apps.public through the registry)."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core import pages
from apps.institutes import selectors
from apps.institutes.filters import JointInstituteFilterSet
from apps.institutes.models import InstituteKind

PAGES = pages.PublicPages(
    name="institute",
    slug="institutes",
    menu_label=gettext_lazy("Institutes"),
    position=20,
    search_kind="institute",
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Joint research institutes"),
        lead=pgettext_lazy(
            "public site",
            "Research institutes the university runs with regions and local governments.",
        ),
        empty_text=pgettext_lazy("public site", "No institute matches these filters."),
        selector=selectors.public_institute_list,
        filterset=JointInstituteFilterSet,
        item_template="institutes/public/item.html",
        year_label=pgettext_lazy("public site", "Year established"),
        filters=(
            pages.ChoiceFilter(
                "kind",
                pgettext_lazy("public site", "Type"),
                pgettext_lazy("public site", "Any type"),
                InstituteKind.choices,
            ),
        ),
    ),
    detail=pages.DetailPage(
        selector=selectors.public_institute_page, template="institutes/public/detail.html"
    ),
    region_section=pages.RegionSection(
        "institutes",
        selectors.public_institutes_in_region,
        "institutes/public/region_section.html",
        position=10,
    ),
    figure_column=pages.FigureColumn(
        "institutes",
        pgettext_lazy("public table", "Institutes"),
        "institutes",
        chart_label=pgettext_lazy("public site", "Joint institutes"),
        position=40,
        in_places=False,
    ),
    map_markers=pages.MapMarkers(
        "institutes",
        selectors.public_institutes_on_map,
        pgettext_lazy("public site", "Joint research institutes"),
        position=20,
        symbol="diamond",
        color="#2a7ab0",
    ),
    headline_figure=pages.HeadlineFigure(
        "institutes", "institutes/public/figure.html", position=20
    ),
    definition=pages.Definition(
        "institutes",
        pgettext_lazy("definitions", "Joint research institutes"),
        pgettext_lazy(
            "definitions",
            "Research institutes founded jointly with a provincial or city government, counted "
            "where the institute has its seat; branches are not counted separately.",
        ),
    ),
)
