"""The public pages of exchange events (read by apps.public through the registry)."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core import pages
from apps.events import selectors
from apps.events.filters import ExchangeEventFilterSet
from apps.events.models import EventKind

PAGES = pages.PublicPages(
    name="event",
    slug="events",
    menu_label=gettext_lazy("Events"),
    position=50,
    search_kind="event",
    list=pages.ListPage(
        title=pgettext_lazy("public site", "Exchange events"),
        lead=pgettext_lazy(
            "public site",
            "Technology fairs, match-making sessions, training programmes, visits and forums.",
        ),
        empty_text=pgettext_lazy("public site", "No event matches these filters."),
        selector=selectors.public_event_list,
        filterset=ExchangeEventFilterSet,
        item_template="events/public/item.html",
        department_filter=True,
        filters=(
            pages.ChoiceFilter(
                "kind",
                pgettext_lazy("public site", "Type"),
                pgettext_lazy("public site", "Any type"),
                EventKind.choices,
            ),
        ),
        filters_template="events/public/when_filter.html",
        parameters={"when": frozenset(selectors.WHEN).__contains__},
    ),
    detail=pages.DetailPage(
        selector=selectors.public_event_page,
        template="events/public/detail.html",
        title_field="title",
    ),
    region_section=pages.RegionSection(
        "events",
        selectors.public_events_in_region,
        "events/public/region_section.html",
        position=50,
        wide=True,
    ),
    figure_column=pages.FigureColumn(
        "events",
        pgettext_lazy("public table", "Events held"),
        "events",
        chart_label=pgettext_lazy("public site", "Exchange events held"),
        position=20,
    ),
    headline_figure=pages.HeadlineFigure("", "events/public/figure.html", position=50),
    definition=pages.Definition(
        "events",
        pgettext_lazy("definitions", "Exchange events"),
        pgettext_lazy(
            "definitions",
            "Technology fairs, match-making meetings, training programmes, visits and forums. "
            "An event counts once its first day has come: the figure for the current year counts "
            "the events held so far, never those only announced, and the current year is marked "
            "as incomplete in charts and tables.",
        ),
    ),
)
