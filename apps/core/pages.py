"""What a record type shows on the public site, declared by its own app.

A domain app that has public pages declares them in ``apps/<app>/pages.py`` as a ``PublicPages``
and points its record type's ``pages`` hook at it (``pages="apps.events.pages.PAGES"`` in the
``registry.register(...)`` call of its ``querysets.py``). ``apps.public`` reads the declarations
from the registry and serves every type with one list view and one detail view; it names no
record type.

* ``ListPage``: the list at ``/<slug>/``: its texts, the selector giving the published rows in
  the list's order (it takes the list's canonical parameters), the FilterSet it shares with
  the API, the choice filters shown after the year, and the template of one item (in the app's
  own templates, rendered with ``record``).
* ``DetailPage``: the record's page at ``/<slug>/<code>/``: the selector giving the page's
  context from the code (``{"record": …, …}``; raising ``DoesNotExist`` for a record nobody
  may see) and the template of the page's body, inside ``<article>``.
* ``RegionSection``: the records' section on a province's or city's page: the selector giving
  its items as plain data (cached with the page's figures) and the section's template.
* ``FigureColumn``: the records' count in the tables of provinces and of a province's cities
  (and the map's tooltips), read from the summary tables (``apps.figures``) by source name.
* ``MapMarkers``: the records placed on the home page's map and listed below it.
* ``Definition``: what the records' figures count, on the definitions page.
* ``HeadlineFigure``: the records' key figure on the home page and the region pages: its
  template (label, note and value, for both pages) and the count it shows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChoiceFilter:
    """A select of fixed choices on a public list (a type, a status), after the year."""

    name: str
    label: object
    any_label: object
    # (value, label) pairs; lazy labels, translated when the list is rendered.
    choices: list


@dataclass(frozen=True)
class ListPage:
    title: object
    lead: object
    empty_text: object
    # params (the list's canonical QueryDict) -> the published rows, ordered, with their joins.
    selector: Callable
    filterset: type
    item_template: str
    year_label: object = None
    department_filter: bool = False
    filters: tuple = ()
    # A template of further filters of the app's own (after the choice filters).
    filters_template: str = ""
    # Query parameters the list understands besides its FilterSet's: {name: value check}.
    parameters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DetailPage:
    # code -> the page's context, {"record": …, …}
    selector: Callable
    template: str
    title_field: str = "name"
    # The URL's converter and the record's argument ("slug" code, or "int" pk).
    converter: str = "slug"
    argument: str = "code"


@dataclass(frozen=True)
class RegionSection:
    # The section's name in the region's overview (and its heading's id, "<key>-heading").
    key: str
    # (region: a Province or City, today) -> the section's items as plain data.
    selector: Callable
    # The whole <section>, rendered with ``items``, ``list_filter`` and the page's figures ``f``.
    template: str
    # Sections side by side in the page's grid, in this order; a wide one spans the page.
    position: int = 0
    wide: bool = False


@dataclass(frozen=True)
class FigureColumn:
    # The summary tables' source name (apps.figures.sources), also the rows' key.
    source: str
    label: object
    # The definition the column's figures follow (apps.public.definitions).
    anchor: str
    # Its name in the map's tooltips.
    chart_label: object = None
    position: int = 0
    # Also a column of the table of a province's cities.
    in_places: bool = True


@dataclass(frozen=True)
class MapMarkers:
    # The markers' name in the home page's data (and its headline figure: their number).
    key: str
    # today -> the records to place (each with name, code, city and province).
    selector: Callable
    heading: object
    position: int = 0
    # records -> further headline figures of the home page ({name: value}).
    figures: Callable | None = None
    # How its markers look on the map: "circle", "diamond" or "triangle", and a colour.
    symbol: str = "circle"
    color: str = "#c25e00"


@dataclass(frozen=True)
class HeadlineFigure:
    # The summary tables' source counted (by its record type's counted rule), also the
    # figure's name; "" for a figure its template reads from others (the events' by year).
    source: str
    # Rendered with ``f`` (the page's figures) and, on a region's page, ``region``.
    template: str
    position: int = 0
    # A region's total (apps.figures Measures) -> further figures ({name: value}).
    amounts: Callable | None = None


@dataclass(frozen=True)
class ComparedFigures:
    """Figures a record type without public pages adds to the page that puts two regions side
    by side (its registry hook ``compared``): public records only, no contract amount."""

    # (key, label) of each figure, in the page's order.
    figures: tuple
    # (region, last full year) -> {key: (in all years, in that year, in the year before)}, in a
    # fixed number of queries.
    counts: Callable
    # What the figures add up, under each one's name.
    note: object = None


@dataclass(frozen=True)
class Definition:
    """What a published figure counts (the definitions page, and every download that shows it)."""

    anchor: str
    title: object
    text: object
    values: tuple = ()

    @property
    def body(self):
        """The text in the active language (values filled in when it is read, not at import)."""
        values = {name: value() if callable(value) else value for name, value in self.values}
        return str(self.text) % values if values else str(self.text)


def listed_record(record, url, date, **extra):
    """A record as a region page lists it: name, link, date and place."""
    return {
        "name": record.name,
        "url": url(record.code),
        "date": date,
        "place": str(record.city or record.province),
        **extra,
    }


def choice_labels(model, field):
    """``get_<field>_display()`` for many records: the choices' labels in the active language
    looked up once (Django's translates every choice on each call)."""
    labels = {value: str(label) for value, label in model._meta.get_field(field).flatchoices}
    return lambda value: labels.get(value, value)


@dataclass(frozen=True)
class PublicPages:
    # URL names public:<name>_list and public:<name>_detail.
    name: str
    # The pages' address: /<slug>/ and /<slug>/<code>/.
    slug: str
    detail: DetailPage
    list: ListPage | None = None
    # The site menu's label and the order of the menu and of the search's groups.
    menu_label: object = None
    position: int = 0
    # The search document kind of these records (apps.search), if they are searched.
    search_kind: str = ""
    region_section: RegionSection | None = None
    figure_column: FigureColumn | None = None
    map_markers: MapMarkers | None = None
    headline_figure: HeadlineFigure | None = None
    # What its figures count, on the definitions page (anchor: its figures' anchor).
    definition: Definition | None = None
