"""The kinds of record in the search index: every record type whose app declares a ``search``
hook (an ``apps.core.search.IndexedKind``, in the app's ``search.py``), and what an entry holds
of a record's ``Document`` once its texts are segmented."""

from apps.core.registry import registry
from apps.search.models import SearchKind
from apps.search.segmentation import index_terms

SUMMARY_LENGTH = 240


def entry_fields(document, *, is_public):
    """A document's search entry columns, its texts segmented for the index; ``is_public`` is
    the record type's published rule for its record (``IndexedKind.queryset``)."""
    return {
        "url_key": document.url_key,
        "is_public": is_public,
        "province_ids": sorted(set(document.province_ids)),
        "city_ids": sorted(set(document.city_ids)),
        "title_zh": document.title_zh[:300],
        "title_en": document.title_en[:400],
        "summary_zh": _shorten(document.summary_zh),
        "summary_en": _shorten(document.summary_en),
        "terms_title": index_terms(document.title_zh, document.title_en),
        "terms_body": index_terms(*document.body),
        "terms_context": index_terms(*document.context),
    }


def _shorten(text):
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def _indexed_kinds():
    specs = [
        record_type.hook("search")
        for record_type in registry.all()
        if record_type.hook("search") is not None
    ]
    # The search app's own kinds in its order, then the others in the registry's.
    order = list(SearchKind.values)
    ranked = sorted(
        enumerate(specs),
        key=lambda pair: (
            order.index(pair[1].kind) if pair[1].kind in order else len(order),
            pair[0],
        ),
    )
    return {spec.kind: spec for _index, spec in ranked}


KINDS = _indexed_kinds()


def kind_labels():
    """Every indexed kind's name on the search page: its own label, or the search app's."""
    named = dict(SearchKind.choices)
    return {kind: spec.label or named.get(kind, kind) for kind, spec in KINDS.items()}
