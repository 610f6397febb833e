"""Where each target metric's outcomes come from: the records linked to an agreement.

One place states, per metric, which records count, on which date each counts, what is added
up, and which of them are published. Progress, trends, the admin and the public page all read
these definitions; none repeats them.
"""

from dataclasses import dataclass, field

from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import Coalesce, TruncDate

from apps.agreements.models import Contract, ContractStatus
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
    # Which of these records count at all, and which are published.
    counted: Q = field(default_factory=Q)
    published: Q = field(default_factory=Q)

    def records(self, *, public):
        records = self.model.objects.filter(self.counted)
        if public:
            records = records.filter(self.published)
        return records.annotate(outcome_on=self.date)

    def aggregate(self):
        return Count("pk") if self.measure == "count" else Sum(self.measure)


CONTRACTS = Source(
    Contract,
    date=F("signed_on"),
    measure="count",
    counted=~Q(status=ContractStatus.DRAFT),
    published=Q(is_public=True),
)

SOURCES = {
    TargetMetric.CONTRACT_VALUE: [
        Source(
            Contract,
            date=CONTRACTS.date,
            measure="amount",
            counted=CONTRACTS.counted,
            published=CONTRACTS.published,
        )
    ],
    TargetMetric.CONTRACTS: [CONTRACTS],
    TargetMetric.PROJECTS: [
        Source(
            CooperationProject,
            date=Coalesce("started_on", TruncDate("created_at"), output_field=DateField()),
            measure="count",
            published=Q(is_public=True),
        )
    ],
    TargetMetric.INSTITUTES: [
        Source(
            JointInstitute,
            date=Coalesce("established_on", TruncDate("created_at"), output_field=DateField()),
            measure="count",
            published=Q(is_public=True),
        ),
        Source(
            Branch,
            date=Coalesce("established_on", "institute__established_on", output_field=DateField()),
            measure="count",
            published=Q(institute__is_public=True),
        ),
    ],
    TargetMetric.PEOPLE_TRAINED: [
        Source(
            ExchangeEvent,
            date=Coalesce("start_on", TruncDate("created_at"), output_field=DateField()),
            measure="participants",
            counted=Q(kind=EventKind.TRAINING),
            published=Q(is_public=True),
        )
    ],
    TargetMetric.EVENTS: [
        Source(
            ExchangeEvent,
            date=Coalesce("start_on", TruncDate("created_at"), output_field=DateField()),
            measure="count",
            published=Q(is_public=True),
        )
    ],
    TargetMetric.FUND_GRANTS: [
        Source(
            FundGrant,
            date=Coalesce("granted_on", TruncDate("created_at"), output_field=DateField()),
            measure="amount",
            published=Q(fund__is_public=True),
        )
    ],
}
