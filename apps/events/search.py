"""What an exchange event contributes to the search index."""

from apps.core.search import Document, IndexedKind, both_languages, choice_label, region_names
from apps.events.models import ExchangeEvent


def event_document(event):
    context = region_names(event.province, event.city) + both_languages(
        choice_label(ExchangeEvent, "kind", event.kind)
    )
    if event.department:
        context += [event.department.name_zh, event.department.name_en]
    return Document(
        url_key=event.code,
        is_public=event.is_public,
        title_zh=event.title_zh,
        title_en=event.title_en,
        summary_zh=event.outcomes_zh,
        summary_en=event.outcomes_en,
        body=[event.outcomes_zh, event.outcomes_en, event.organizer],
        context=context,
        province_ids=[event.province_id],
        city_ids=[c for c in [event.city_id] if c],
    )


EVENTS = IndexedKind(
    "event",
    ExchangeEvent,
    event_document,
    select_related=("province", "city", "department"),
    url_name="public:event_detail",
)
