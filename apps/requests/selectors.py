"""Reads for the tracking page, the admin's matching panel and the staff funnel."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, F, FloatField, Func, Min, Q
from django.db.models.aggregates import Aggregate
from django.db.models.functions import TruncMonth

from apps.offices.models import CooperationOffice
from apps.requests.choices import MessageVisibility, RequestStatus
from apps.requests.models import RequestMessage, StatusChange, TechRequest
from apps.requests.tokens import token_hash

# What the partner may see of the messages; internal notes are never among them.
PARTNER_VISIBLE_MESSAGES = (MessageVisibility.SHARED, MessageVisibility.FROM_PARTNER)
MAX_TOKEN_LENGTH = 64


def request_for_tracking_token(token):
    """The request a tracking link opens, or None. Looked up by the token's hash only."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        TechRequest.objects.select_related("province", "city")
        .filter(tracking_token_hash=token_hash(token))
        .first()
    )


@dataclass
class TimelineEntry:
    at: object
    kind: str  # "status" or "message"
    status_change: StatusChange | None = None
    message: RequestMessage | None = None


def partner_timeline(tech_request):
    """Status history and the messages the partner may see, oldest first (two queries)."""
    entries = [
        TimelineEntry(at=change.created_at, kind="status", status_change=change)
        for change in StatusChange.objects.filter(request=tech_request)
    ]
    entries += [
        TimelineEntry(at=message.created_at, kind="message", message=message)
        for message in RequestMessage.objects.filter(
            request=tech_request, visibility__in=PARTNER_VISIBLE_MESSAGES
        )
    ]
    entries.sort(key=lambda entry: (entry.at, entry.kind != "status"))
    return entries


# --------------------------------------------------------------------------- matching

SUGGESTION_KINDS = ("department", "office", "project")
SUGGESTION_QUERY_CHARS = 400


def matching_suggestions(tech_request, *, per_kind=4):
    """Departments, offices and past projects whose records best match the request's text.

    Uses the public site's search (Chinese and English). Among offices, those in the partner's
    own province come first (the partner's city first of all): they serve that region.
    """
    from apps.search.services import SearchHit, search

    text = " ".join(
        [
            tech_request.title,
            tech_request.description[:SUGGESTION_QUERY_CHARS],
            tech_request.get_industry_display(),
        ]
    )
    hits = search(text, kinds=SUGGESTION_KINDS, public_only=False, limit=per_kind * 6)
    grouped = {kind: [] for kind in SUGGESTION_KINDS}
    for hit in hits:
        if len(grouped[hit.kind]) < per_kind:
            grouped[hit.kind].append(hit)
    regional = (
        CooperationOffice.objects.filter(
            province_id=tech_request.province_id, closed_on__isnull=True
        )
        .select_related("city")
        .order_by(
            models.Case(models.When(city_id=tech_request.city_id, then=0), default=1),
            "opened_on",
        )[:per_kind]
    )
    offices = [
        SearchHit(
            kind="office",
            object_id=office.pk,
            title=office.name,
            summary=" · ".join(
                str(place) for place in (tech_request.province, office.city) if place
            ),
            url="",
            rank=1.0,
        )
        for office in regional
    ]
    seen = {office.object_id for office in offices}
    grouped["office"] = (offices + [h for h in grouped["office"] if h.object_id not in seen])[
        :per_kind
    ]
    return grouped


# --------------------------------------------------------------------------- funnel


class Median(Aggregate):
    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class EpochDays(Func):
    template = "EXTRACT(EPOCH FROM %(expressions)s) / 86400.0"
    output_field = FloatField()


FUNNEL_GROUPS = {
    "province": ("province__code", "province__name_zh", "province__name_en"),
    "macro_region": ("province__macro_region",),
}


def funnel(*, requests=None, year=None, group="province"):
    """Requests (all, or those of ``requests``: what the viewer may see) by month and region:
    received, matched, contracted, declined, and the median days to the first response. One
    query for the rows and one for the totals, at any size.
    """
    requests = (TechRequest.objects.all() if requests is None else requests).order_by()
    if year:
        requests = requests.filter(created_at__year=year)
    measures = {
        "received": Count("id"),
        "matched": Count("id", filter=Q(matched_at__isnull=False)),
        "contracted": Count("id", filter=Q(status=RequestStatus.CONTRACTED)),
        "declined": Count("id", filter=Q(status=RequestStatus.DECLINED)),
        "median_days_to_response": Median(EpochDays(F("first_response_at") - F("created_at"))),
    }
    rows = list(
        requests.annotate(month=TruncMonth("created_at"))
        .values("month", *FUNNEL_GROUPS[group])
        .annotate(**measures)
        .order_by("-month", *FUNNEL_GROUPS[group])
    )
    totals = requests.aggregate(**measures, first=Min("created_at"))
    return rows, totals
