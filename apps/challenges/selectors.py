"""Reads of challenges: the public list and page, the staff's figures (time to first response
by department and by office, the funnel by channel) and the funnel the public may read."""

import statistics
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Exists, Min, OuterRef, Q, Sum, Value, When

from apps.challenges.choices import Channel
from apps.challenges.models import Challenge, Proposal
from apps.core.models import Department
from apps.requests.models import TechRequest

# A public group smaller than this is withheld, as the requests' counts are (apps.api.aggregates).
MIN_PUBLIC_GROUP = 3


def public_challenge_list(params=None):
    return (
        Challenge.objects.public()
        .select_related("province", "city")
        .order_by("-published_on", "code")
    )


def public_challenge_page(code):
    challenge = Challenge.objects.public().select_related("province", "city").get(code=code)
    return {"record": challenge}


# --------------------------------------------------------------------------- first response


@dataclass
class ResponseRow:
    key: object
    label: str
    challenges: int = 0
    answered: int = 0
    days: list = field(default_factory=list)

    @property
    def median_days(self):
        return statistics.median(self.days) if self.days else None


def first_responses(challenges):
    """For each challenge of ``challenges`` that has a proposal: the days from its publication
    to its first proposal, and to each department's first proposal. One query."""
    rows = (
        Proposal.objects.filter(challenge__in=challenges.values("pk"))
        .order_by()
        .values("challenge_id", "department_id", "challenge__published_on")
        .annotate(first=Min("received_on"))
    )
    by_challenge, by_pair = {}, {}
    for row in rows:
        days = (row["first"] - row["challenge__published_on"]).days
        by_pair[(row["challenge_id"], row["department_id"])] = days
        by_challenge[row["challenge_id"]] = min(days, by_challenge.get(row["challenge_id"], days))
    return by_challenge, by_pair


def response_times(challenges=None):
    """Median days from publication to first proposal, by responding department (each
    department's first proposal to each challenge) and by the office following the challenge
    (each challenge's first proposal). Three queries, whatever the number of rows."""
    challenges = Challenge.objects.all() if challenges is None else challenges
    by_challenge, by_pair = first_responses(challenges)
    departments = {}
    names = dict(
        Department.objects.filter(pk__in={d for _c, d in by_pair}).values_list("pk", "name_zh")
    )
    for (_challenge, department), days in by_pair.items():
        row = departments.setdefault(department, ResponseRow(department, names.get(department, "")))
        row.answered += 1
        row.days.append(days)
    offices = {}
    for challenge in challenges.order_by().values("pk", "office_id", "office__name_zh"):
        key = challenge["office_id"]
        row = offices.setdefault(key, ResponseRow(key, challenge["office__name_zh"] or ""))
        row.challenges += 1
        if challenge["pk"] in by_challenge:
            row.answered += 1
            row.days.append(by_challenge[challenge["pk"]])
    overall = ResponseRow(None, "", challenges=sum(r.challenges for r in offices.values()))
    overall.days = sorted(by_challenge.values())
    overall.answered = len(overall.days)
    return {
        "departments": sorted(departments.values(), key=lambda r: (r.median_days, r.label)),
        "offices": sorted(offices.values(), key=lambda r: (r.key is None, r.label)),
        "overall": overall,
    }


# --------------------------------------------------------------------------- funnel


def channel_of(prefix=""):
    """How a request came, from what it records (``choices.Channel``)."""
    return Case(
        When(**{f"{prefix}submitted_from__isnull": False}, then=Value(Channel.WEB_FORM.value)),
        default=Value(Channel.OTHER.value),
        output_field=CharField(),
    )


@dataclass
class FunnelRow:
    channel: str
    label: str
    requests: int = 0
    challenges: int = 0
    with_proposal: int = 0
    contracts: int = 0
    signed_amount: object = None
    median_days_to_proposal: float | None = None


def funnel(*, requests=None, challenges=None):
    """Request → challenge → proposal → contract, by channel: counts, the median days from
    publication to the first proposal and the value of the contracts signed (staff only).
    Four queries, whatever the number of rows."""
    requests = TechRequest.objects.all() if requests is None else requests
    challenges = Challenge.objects.all() if challenges is None else challenges
    labels = dict(Channel.choices)
    rows = {value: FunnelRow(value, str(labels[value])) for value in Channel.values}
    for row in (
        requests.order_by().annotate(channel=channel_of()).values("channel").annotate(n=Count("pk"))
    ):
        rows[row["channel"]].requests = row["n"]
    has_proposal = Exists(Proposal.objects.filter(challenge=OuterRef("pk")))
    per_channel = (
        challenges.order_by()
        .annotate(channel=channel_of("request__"))
        .values("channel")
        .annotate(
            n=Count("pk"),
            answered=Count("pk", filter=Q(has_proposal)),
            contracts=Count("contract", distinct=True),
            amount=Sum("contract__amount"),
        )
    )
    for row in per_channel:
        target = rows[row["channel"]]
        target.challenges = row["n"]
        target.with_proposal = row["answered"]
        target.contracts = row["contracts"]
        target.signed_amount = row["amount"]
    by_challenge, _pairs = first_responses(challenges)
    channels = dict(
        challenges.order_by().annotate(channel=channel_of("request__")).values_list("pk", "channel")
    )
    days_by_channel = {}
    for challenge, days in by_challenge.items():
        days_by_channel.setdefault(channels[challenge], []).append(days)
    for channel, days in days_by_channel.items():
        rows[channel].median_days_to_proposal = statistics.median(days)
    ordered = [rows[value] for value in Channel.values]
    total = FunnelRow("", "")
    for row in ordered:
        total.requests += row.requests
        total.challenges += row.challenges
        total.with_proposal += row.with_proposal
        total.contracts += row.contracts
        if row.signed_amount is not None:
            total.signed_amount = (total.signed_amount or 0) + row.signed_amount
    every_day = [days for days_list in days_by_channel.values() for days in days_list]
    total.median_days_to_proposal = statistics.median(every_day) if every_day else None
    return ordered, total


def public_funnel():
    """What the public may know of the funnel: counts only (no money, no response times), the
    totals over all records, and a channel's counts only where each is at least
    ``MIN_PUBLIC_GROUP`` (a smaller one is withheld, None, with its whole row so that no
    withheld count follows from the total by subtraction)."""
    rows, total = funnel()
    steps = ("requests", "challenges", "with_proposal", "contracts")

    def counts(row):
        return {step: getattr(row, step) for step in steps}

    public_rows = []
    for row in rows:
        values = counts(row)
        withheld = any(0 < value < MIN_PUBLIC_GROUP for value in values.values())
        public_rows.append(
            {
                "channel": row.channel,
                "label": row.label,
                "withheld": withheld,
                **({step: None for step in steps} if withheld else values),
            }
        )
    # Withholding one channel of two would let its counts be read off the total: withhold
    # every channel then.
    if sum(row["withheld"] for row in public_rows) == 1:
        for row in public_rows:
            row.update({step: None for step in steps}, withheld=True)
    total_values = counts(total)
    total_row = {
        step: (value if value == 0 or value >= MIN_PUBLIC_GROUP else None)
        for step, value in total_values.items()
    }
    return public_rows, total_row
