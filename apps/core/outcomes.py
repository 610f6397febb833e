"""What a record type contributes to the outcomes of agreements: the toolkit a domain app
declares its part with (``apps/<app>/outcomes.py``), read by ``apps.outcomes`` through the
record type's ``outcomes`` hook::

    registry.register(
        "events.ExchangeEvent",
        ...
        outcomes="apps.events.outcomes.EVENTS",
    )

An ``Outcomes`` declaration says where a record lies and on which date (``Placement``: a new
record serves its region's agreement in force on that date) and which target metrics
(``Metric``) its records count towards, with the records, date and measure of each
(``Source``). The outcomes app lists no record type: its metrics, links and signals are the
declarations it finds in the registry.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum


@dataclass(frozen=True)
class Placement:
    """Paths from a record to its province, city, the city's parent and its date (the first
    date path with a value counts). With ``via``, the record has no place of its own and is
    placed by the first (lowest key) of its related rows through that reverse relation (a
    project by its first site); the paths then start from that row."""

    province: str = "province_id"
    city: str = "city_id"
    city_parent: str = "city__parent_id"
    dates: tuple = ()
    via: str = ""

    def paths(self):
        return [self.province, self.city, self.city_parent, *self.dates]


@dataclass(frozen=True)
class Source:
    """Records counting towards a metric: which of them count at all (``counted``; which are
    published is the registry's rule), the date on which each counts and what is added up
    ("count" or the name of the field)."""

    model: type
    date: object
    measure: str = "count"
    counted: Q = field(default_factory=Q)

    def records(self, *, public):
        records = self.model.objects.filter(self.counted)
        if public:
            records = records.published()
        return records.annotate(outcome_on=self.date)

    def aggregate(self):
        return Count("pk") if self.measure == "count" else Sum(self.measure)


@dataclass(frozen=True)
class Metric:
    """A target metric an agreement may set. ``position`` orders the metrics of every app
    (choices, tables, trends); ``is_value``: measured in money (a sum of amounts);
    ``withheld``: its sum per agreement is not shown to the public; ``beside``: the metric
    (a count) shown beside a withheld one, so the public sees how many records it adds up."""

    value: str
    label: object
    position: int
    sources: tuple
    is_value: bool = False
    withheld: bool = False
    beside: str = ""


@dataclass(frozen=True)
class Outcomes:
    """A record type's part in the outcomes: where its records serve an agreement
    (``link``; None: they are not linked) and the metrics they count towards."""

    link: Placement | None = None
    metrics: tuple = ()
