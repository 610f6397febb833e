"""Where each target metric's outcomes come from: the records linked to an agreement.

One place states, per metric, which records count, on which date each counts, what is added
up, and which of them are published. Progress, trends, the admin and the public page all read
these definitions; none repeats them.
"""

from dataclasses import dataclass, field

from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import Coalesce, TruncDate

from apps.agreements.models import Contract
from apps.agreements.querysets import COUNTED
from apps.events.models import EventKind, ExchangeEvent
from apps.funds.models import FundGrant
from apps.institutes.models import Branch, JointInstitute
from apps.outcomes.choices import TargetMetric
from apps.projects.models import CooperationProject


@dataclass(frozen=True)
class Source:
    model: type
    # The date on which a record counts towards its agreement's targets.
    date: object
    # "count" or the name of the field added up.
    measure: str
    # Which of these records count at all (which are published is the registry's rule).
    counted: Q = field(default_factory=Q)

    def records(self, *, public):
        records = self.model.objects.filter(self.counted)
        if public:
            records = records.published()
        return records.annotate(outcome_on=self.date)

    def aggregate(self):
        return Count("pk") if self.measure == "count" else Sum(self.measure)


CONTRACTS = Source(
    Contract,
    date=F("signed_on"),
    measure="count",
    counted=COUNTED,
)

SOURCES = {
    TargetMetric.CONTRACT_VALUE: [
        Source(
            Contract,
            date=CONTRACTS.date,
            measure="amount",
            counted=CONTRACTS.counted,
        )
    ],
    TargetMetric.CONTRACTS: [CONTRACTS],
    TargetMetric.PROJECTS: [
        Source(
            CooperationProject,
            date=Coalesce("started_on", TruncDate("created_at"), output_field=DateField()),
            measure="count",
        )
    ],
    TargetMetric.INSTITUTES: [
        Source(
            JointInstitute,
            date=Coalesce("established_on", TruncDate("created_at"), output_field=DateField()),
            measure="count",
        ),
        Source(
            Branch,
            date=Coalesce("established_on", "institute__established_on", output_field=DateField()),
            measure="count",
        ),
    ],
    TargetMetric.PEOPLE_TRAINED: [
        Source(
            ExchangeEvent,
            date=Coalesce("start_on", TruncDate("created_at"), output_field=DateField()),
            measure="participants",
            counted=Q(kind=EventKind.TRAINING),
        )
    ],
    TargetMetric.EVENTS: [
        Source(
            ExchangeEvent,
            date=Coalesce("start_on", TruncDate("created_at"), output_field=DateField()),
            measure="count",
        )
    ],
    TargetMetric.FUND_GRANTS: [
        Source(
            FundGrant,
            date=Coalesce("granted_on", TruncDate("created_at"), output_field=DateField()),
            measure="amount",
        )
    ],
}
