"""Reads of published cooperation offices for the public pages."""

from django.db.models import Prefetch

from apps.core.links import reverser
from apps.core.pages import listed_record
from apps.offices.models import CooperationOffice, PracticeBase


def public_office_list(params=None):
    return (
        CooperationOffice.objects.public()
        .select_related("province", "city")
        .order_by("opened_on", "code")
    )


def public_office_page(code):
    """The office with its duties and bases, and its published activity: the events it held
    and the number of contracts through it (never their value: it would cut across the
    regional tables). Events and contracts are read through the office's reverse relations,
    their apps lying above this one."""
    office = (
        CooperationOffice.objects.public()
        .select_related("province", "city")
        .prefetch_related(
            "duties",
            Prefetch(
                "practice_bases",
                queryset=PracticeBase.objects.select_related("organization").order_by(
                    "kind", "name_zh"
                ),
            ),
        )
        .get(code=code)
    )
    events = office.events.published()
    activity = {
        "events": events.count(),
        "recent_events": list(events.select_related("province", "city").order_by("-start_on")[:10]),
        "contracts": office.contracts.published().count(),
    }
    return {"record": office, "activity": activity}


def public_offices_in_region(region, today, *, limit=50):
    url = reverser("public:office_detail")
    return [
        listed_record(o, url, o.opened_on, closed=o.closed_on)
        for o in public_office_list().in_region(region)[:limit]
    ]


def public_offices_on_map(today):
    """The offices open today, placed on the home page's map."""
    return public_office_list().counted(today)
