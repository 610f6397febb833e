"""What a briefing dossier on a province or city holds.

The public dossier reads the public site's own selectors (published records, the disclosure
rules of contract values), so it says exactly what the region's page says. The staff dossier
adds the confidential figures, each marked as such. A fixed number of queries either way.
"""

import datetime

from django.db.models import Count, Q, Sum
from django.utils import timezone

from apps.agreements.models import Contract, CooperationAgreement
from apps.core.models import Milestone
from apps.dossiers.maps import region_map_svg
from apps.events.models import ExchangeEvent
from apps.institutes.models import Branch
from apps.offices.models import CooperationOffice
from apps.outcomes.selectors import agreements_progress
from apps.public import selectors as public
from apps.regions.models import City, Province

EVENT_YEARS = 3
EVENT_LIST_LIMIT = 40


def region_for(kind, code):
    """The province or city a dossier is about, or DoesNotExist."""
    if kind == "province":
        return Province.objects.get(code=code)
    return City.objects.select_related("province", "parent").get(code=code)


def _place_point(region):
    if region.longitude is None:
        return None
    return (region.longitude, region.latitude)


def _overview(region):
    if isinstance(region, Province):
        return public.province_overview(region)
    return public.city_overview(region)


def _milestone_names(region):
    if isinstance(region, Province):
        return [region.short_name_zh, region.name_en]
    return [region.name_zh.removesuffix("市"), region.name_en]


def _confidential_figures(records_in_region):
    """Every contract of the region, public or not, with its total value (staff only)."""
    contracts = records_in_region(Contract.objects.counted())
    totals = contracts.aggregate(contracts=Count("pk"), value=Sum("amount"))
    by_year = list(
        contracts.values("signed_on__year")
        .annotate(contracts=Count("pk"), value=Sum("amount"))
        .order_by("-signed_on__year")[: EVENT_YEARS + 2]
    )
    return {
        "contracts": totals["contracts"],
        "value": float(totals["value"] or 0),
        "by_year": [
            {
                "year": row["signed_on__year"],
                "contracts": row["contracts"],
                "value": float(row["value"]),
            }
            for row in by_year
        ],
    }


def dossier_data(region, *, staff=False, today=None):
    """Plain data for the dossier template (no lazy objects: it is rendered by a worker)."""
    today = today or timezone.localdate()
    province = region if isinstance(region, Province) else region.province

    def in_region(queryset):
        return queryset.in_region(region)

    overview = _overview(region)
    agreements = in_region(CooperationAgreement.objects.all())
    if not staff:
        agreements = agreements.published()
    agreements = list(
        agreements.select_related("organization").order_by("-signed_on", "number")[:50]
    )
    progress = agreements_progress(agreements, on=today, public=not staff)

    offices = in_region(CooperationOffice.objects.all())
    if not staff:
        offices = offices.published()
    offices = list(offices.order_by("opened_on", "code"))
    since = datetime.date(today.year - EVENT_YEARS + 1, 1, 1)
    events = in_region(ExchangeEvent.objects.all()).filter(start_on__gte=since, start_on__lte=today)
    if not staff:
        events = events.published()
    activity = dict(
        events.filter(office__in=offices)
        .values("office")
        .annotate(n=Count("pk"))
        .values_list("office", "n")
    )
    events_by_year = dict(
        events.values("start_on__year").annotate(n=Count("pk")).values_list("start_on__year", "n")
    )
    event_list = list(
        events.select_related("city", "province").order_by("-start_on", "code")[:EVENT_LIST_LIMIT]
    )
    branches = in_region(Branch.objects.all())
    if not staff:
        branches = branches.published()
    branch_list = list(branches.select_related("institute", "city").order_by("name_zh"))
    names = [name for name in _milestone_names(region) if name]
    condition = Q()
    for name in names:
        condition |= Q(title_zh__contains=name) | Q(description_zh__contains=name)
        condition |= Q(title_en__icontains=name)
    milestones = list(Milestone.objects.published().filter(condition).order_by("happened_on"))

    return {
        "region": {
            "kind": "province" if isinstance(region, Province) else "city",
            "code": region.code,
            "name": region.name,
            "name_zh": region.name_zh,
            "name_en": region.name_en,
            "province": province.name,
        },
        "staff": staff,
        "as_of": timezone.now(),
        "today": today,
        "map_svg": region_map_svg(
            province_code=province.code,
            label=region.name,
            point=None if isinstance(region, Province) else _place_point(region),
        ),
        "overview": overview,
        "confidential": _confidential_figures(in_region) if staff else None,
        "agreements": [
            {
                "number": a.number,
                "title": a.title,
                "kind": a.get_kind_display(),
                "status": a.get_status_display(),
                "signed_on": a.signed_on,
                "end_on": a.end_on,
                "party": str(a.organization or ""),
                "is_public": a.is_public,
                "targets": progress.get(a.pk, []),
            }
            for a in agreements
        ],
        "branches": [
            {
                "name": b.name,
                "institute": b.institute.name,
                "city": str(b.city),
                "established_on": b.established_on,
            }
            for b in branch_list
        ],
        "offices": [
            {
                "name": o.name,
                "opened_on": o.opened_on,
                "closed_on": o.closed_on,
                "address": o.address,
                # A person's contact details go into the staff dossier only.
                "contact_name": o.contact_name if staff else "",
                "contact_phone": o.contact_phone if staff else "",
                "contact_email": o.contact_email if staff else "",
                "events": activity.get(o.pk, 0),
            }
            for o in offices
        ],
        "event_years": [
            {"year": year, "events": events_by_year.get(year, 0)}
            for year in range(since.year, today.year + 1)
        ],
        "events": [
            {
                "title": e.title,
                "date": e.start_on,
                "kind": e.get_kind_display(),
                "place": str(e.city or e.province),
                "participants": e.participants,
            }
            for e in event_list
        ],
        "milestones": [
            {"date": m.happened_on, "precision": m.precision, "title": m.title} for m in milestones
        ],
    }
