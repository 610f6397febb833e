"""What the figures count: for each record type, its date, kind and measures.

Where a record lies and whether it is published are its domain app's declarations in the
registry (``apps.core.registry``): this module only reads them.
"""

import functools
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Case, Count, IntegerField, Sum, Value, When
from django.db.models.functions import Coalesce

from apps.core.registry import registry

# The cells' second count is the records the ``counted`` rule counts (a rule that does not
# change with the date alone: it is built once per data version).
COUNTED = "counted"


@dataclass(frozen=True)
class Source:
    """A record type counted in the summary tables."""

    name: str
    model: str
    date_field: str
    kind_field: str = ""
    amount_field: str = ""
    # A per-record number added up as the cells' second count (participants), or COUNTED: the
    # records the record type's ``counted`` rule counts (offices open).
    extra: object = None
    # (relation, date field, amount field) of the money received for a record: released as
    # sums by region and year beside the amounts (``apps.figures.release``).
    received: tuple | None = None

    def model_class(self):
        return apps.get_model(self.model)

    def records(self):
        return self.model_class().objects.published()

    @property
    def regions(self):
        return registry.get(self.model).regions

    @property
    def counted_once_per_region(self):
        """A record lying in several places (a project's sites, an agreement's party) is
        counted once in each region, so its levels are not added up from the level below."""
        return len(self.regions) > 1 or any(path.via for path in self.regions)

    def measures(self):
        measures = {"count": Count("pk")}
        if self.amount_field:
            measures["amount"] = Sum(self.amount_field)
        if self.extra is not None:
            measures["extra"] = Sum(self.extra_expression())
        return measures

    def extra_expression(self):
        """The per-record number behind the cells' second count."""
        if self.extra == COUNTED:
            counted = registry.get(self.model).counted_q()
            return Case(When(counted, then=Value(1)), default=Value(0))
        return self.extra


def _source(record_type, declaration):
    """A record type's ``figures`` declaration (plain data: its name in the tables, its order,
    date, kind and amount fields, and ``extra``: a field added up, or "counted")."""
    declaration = dict(declaration)
    declaration.pop("order")
    extra = declaration.pop("extra", None)
    if extra is not None and extra != COUNTED:
        extra = Coalesce(extra, Value(0), output_field=IntegerField())
    return Source(model=record_type.label, extra=extra, **declaration)


def _sources():
    """Every record type whose app declares what the summary tables count (its ``figures``
    declaration in its registration), in the declared order."""
    declared = [
        (record_type, record_type.hook("figures"))
        for record_type in registry.all()
        if record_type.hook("figures") is not None
    ]
    declared.sort(key=lambda pair: pair[1]["order"])
    return [_source(record_type, declaration) for record_type, declaration in declared]


@functools.cache
def _built():
    # Every app's record types are registered once every model is imported.
    apps.check_models_ready()
    sources = _sources()
    return {"SOURCES": sources, "SOURCES_BY_NAME": {source.name: source for source in sources}}


def __getattr__(name):
    """``SOURCES`` and ``SOURCES_BY_NAME``, read from the registry on first use (once every
    app has registered its record types)."""
    try:
        return _built()[name]
    except KeyError:
        raise AttributeError(name) from None
