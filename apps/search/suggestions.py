"""Suggestions for a technology request: the departments, offices and past projects whose
records best match its text, found with the site's search.

The requests app knows nothing of search: this module fills the technology request's
``suggestions`` hook in the registry (``apps.search.apps``), and the request's admin page
reads the hook.
"""

from django.db import models

from apps.offices.models import CooperationOffice
from apps.search.services import SearchHit, search

SUGGESTION_KINDS = ("department", "office", "project")
SUGGESTION_QUERY_CHARS = 400


def matching_suggestions(tech_request, *, per_kind=4):
    """Departments, offices and past projects whose records best match the request's text.

    Uses the public site's search (Chinese and English). Among offices, those in the partner's
    own province come first (the partner's city first of all): they serve that region.
    """
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
