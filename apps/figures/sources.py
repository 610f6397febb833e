"""What the figures count: for each record type, its date, kind and measures.

Where a record lies and whether it is published are its domain app's declarations in the
registry (``apps.core.registry``): this module only reads them.
"""

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
        if self.extra is COUNTED:
            counted = registry.get(self.model).counted_q()
            return Case(When(counted, then=Value(1)), default=Value(0))
        return self.extra


SOURCES = [
    Source("contracts", "agreements.Contract", "signed_on", "kind", amount_field="amount"),
    Source("agreements", "agreements.CooperationAgreement", "signed_on", "kind"),
    Source(
        "events",
        "events.ExchangeEvent",
        "start_on",
        "kind",
        extra=Coalesce("participants", Value(0), output_field=IntegerField()),
    ),
    Source("projects", "projects.CooperationProject", "started_on", "status"),
    Source("funds", "funds.CooperationFund", "established_on", amount_field="committed_amount"),
    Source("institutes", "institutes.JointInstitute", "established_on", "kind"),
    Source(
        "offices",
        "offices.CooperationOffice",
        "opened_on",
        extra=COUNTED,
    ),
]

SOURCES_BY_NAME = {source.name: source for source in SOURCES}
