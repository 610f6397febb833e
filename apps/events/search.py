"""What an exchange event contributes to the search index."""

from apps.core.search import IndexedKind, both_languages, choice_label, names_of, placed_document
from apps.events.models import ExchangeEvent


def event_document(event):
    context = both_languages(choice_label(ExchangeEvent, "kind", event.kind))
    return placed_document(
        event,
        title="title",
        text="outcomes",
        body=[event.outcomes_zh, event.outcomes_en, event.organizer],
        context=context + names_of(event.department),
    )


EVENTS = IndexedKind(
    "event",
    ExchangeEvent,
    event_document,
    select_related=("province", "city", "department"),
    url_name="public:event_detail",
    named=(("core.Department", "department"),),
)
