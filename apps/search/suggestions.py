"""Suggestions for a technology request: the departments, offices and past projects whose
records best match its text, found with the site's search.

The requests app knows nothing of search: this module fills the technology request's
``suggestions`` hook in the registry (``apps.search.apps``), and the request's admin page
reads the hook. A kind that serves places (offices: ``IndexedKind.near``) offers those
serving the partner's region first.
"""

from apps.search.documents import KINDS
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
    for kind in SUGGESTION_KINDS:
        near = KINDS[kind].near
        if near is None:
            continue
        nearby = [
            SearchHit(
                kind=kind,
                object_id=record.pk,
                title=record.name,
                summary=" · ".join(
                    str(place) for place in (tech_request.province, record.city) if place
                ),
                url="",
                rank=1.0,
            )
            for record in near(tech_request.province_id, tech_request.city_id, per_kind)
        ]
        seen = {hit.object_id for hit in nearby}
        grouped[kind] = (nearby + [h for h in grouped[kind] if h.object_id not in seen])[:per_kind]
    return grouped
