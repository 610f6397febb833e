"""What the figures count: for each record type, its published rows, date, kind and measures.

The publication rule itself (``published()``: public flag, not a draft, parent published) is
the domain app's; this module only asks the record type's queryset for it.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce


def published(model):
    """The model's published rows, by the domain app's own rule."""
    queryset = model._default_manager.all()
    if hasattr(queryset, "published"):
        return queryset.published()
    # Until every domain app declares published(): contracts are published when public and
    # not drafts, everything else when public.
    queryset = queryset.public()
    if model._meta.label_lower == "agreements.contract":
        queryset = queryset.exclude(status="draft")
    return queryset


@dataclass(frozen=True)
class Source:
    """A record type counted in the summary tables.

    ``sites`` names a reverse relation through which the records lie in regions (a project in
    every place where it is applied); such records are counted once per region, so each level
    is counted on its own rather than added up from the level below.
    """

    name: str
    model: str
    date_field: str
    kind_field: str = ""
    amount_field: str = ""
    extra: object = None
    sites: str = ""

    def model_class(self):
        return apps.get_model(self.model)

    def records(self):
        return published(self.model_class())

    def measures(self, prefix=""):
        measures = {"count": Count(f"{prefix}pk", distinct=bool(prefix))}
        if self.amount_field:
            measures["amount"] = Sum(f"{prefix}{self.amount_field}")
        if self.extra is not None:
            measures["extra"] = self.extra
        return measures


SOURCES = [
    Source("contracts", "agreements.Contract", "signed_on", "kind", amount_field="amount"),
    Source("agreements", "agreements.CooperationAgreement", "signed_on", "kind"),
    Source(
        "events",
        "events.ExchangeEvent",
        "start_on",
        "kind",
        extra=Coalesce(Sum("participants"), Value(0), output_field=IntegerField()),
    ),
    Source("projects", "projects.CooperationProject", "started_on", "status", sites="sites"),
    Source("funds", "funds.CooperationFund", "established_on", amount_field="committed_amount"),
    Source("institutes", "institutes.JointInstitute", "established_on", "kind"),
    Source(
        "offices",
        "offices.CooperationOffice",
        "opened_on",
        extra=Count("pk", filter=Q(closed_on__isnull=True)),
    ),
]

SOURCES_BY_NAME = {source.name: source for source in SOURCES}
