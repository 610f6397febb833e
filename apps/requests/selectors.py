"""Reads for the tracking page, the admin's matching panel and the staff funnel."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, FloatField, Func, Min, OuterRef, Q
from django.db.models.aggregates import Aggregate
from django.db.models.functions import TruncMonth

from apps.requests.choices import MessageVisibility, NotificationKind, RequestStatus
from apps.requests.models import Notification, RequestMessage, StatusChange, TechRequest
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


def new_requests_nobody_told(requests=None):
    """New requests (still "submitted") of which no staff member was told: nobody was
    responsible for their place when they came (no office staff there, no headquarters staff
    taking e-mails, no STAFF_NOTIFICATION_EMAILS). Oldest first; they leave the list once
    triaged. ``requests``: what the viewer may see."""
    told = Notification.objects.filter(
        request=OuterRef("pk"), kind=NotificationKind.STAFF_NEW_REQUEST
    )
    return (
        (TechRequest.objects.all() if requests is None else requests)
        .filter(status=RequestStatus.SUBMITTED)
        .filter(~Exists(told))
        .select_related("province", "city")
        .order_by("created_at", "id")
    )


# --------------------------------------------------------------------------- matching

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
