"""Full-text search over every public kind of record, in Chinese and English.

The index (``SearchEntry``) is derived from the domain records: ``index_records`` refreshes the
entries of some records (the signals call it on commit), ``rebuild_index`` recreates a whole
kind (``manage.py rebuild_search_index``; ``generate_synthetic`` after its bulk inserts).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import F

from apps.search.documents import KINDS, entry_fields
from apps.search.models import SearchEntry
from apps.search.segmentation import query_terms, tsquery

BATCH_SIZE = 1000
CANDIDATE_LIMIT = 1000
ENTRY_FIELDS = [
    "kind",
    "url_key",
    "is_public",
    "province_ids",
    "city_ids",
    "title_zh",
    "title_en",
    "summary_zh",
    "summary_en",
    "terms_title",
    "terms_body",
    "terms_context",
]


@dataclass
class SearchHit:
    kind: str
    object_id: int
    title: str
    summary: str
    url: str
    rank: float


def search(
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    public_only: bool = True,
    limit: int = 20,
    province_id: int | None = None,
) -> list[SearchHit]:
    """The records best matching ``query`` (Chinese, English or both), best first.

    Every word of the query must match (as a prefix, or through all of its finer parts); when
    no record has them all, records matching any word are returned, still ranked.
    """
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    entries = SearchEntry.objects.all()
    if kinds is not None:
        kinds = list(kinds)
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"Unknown search kinds: {sorted(unknown)}")
        entries = entries.filter(kind__in=kinds)
    if public_only:
        entries = entries.filter(is_public=True)
    if province_id is not None:
        entries = entries.filter(province_ids__contains=[province_id])
    hits = []
    for operator in ("&", "|") if len(terms) > 1 else ("&",):
        ts_query = SearchQuery(
            tsquery(terms, operator=operator), search_type="raw", config="simple"
        )
        # Rank a bounded set of candidates, not every match: a common word (汽车) matches
        # thousands of entries, and ranking reads each one's vector.
        candidates = entries.filter(document=ts_query).order_by().values("pk")[:CANDIDATE_LIMIT]
        hits = list(
            SearchEntry.objects.filter(pk__in=candidates)
            .annotate(rank=SearchRank(F("document"), ts_query))
            .order_by("-rank", "kind", "object_id")
            .only(
                "kind", "object_id", "url_key", "title_zh", "title_en", "summary_zh", "summary_en"
            )[:limit]
        )
        if hits:
            break
    return [
        SearchHit(
            kind=entry.kind,
            object_id=entry.object_id,
            title=entry.title,
            summary=entry.summary,
            url=KINDS[entry.kind].url(entry.url_key),
            rank=float(entry.rank),
        )
        for entry in hits
    ]


def _entries(spec, records):
    content_type = ContentType.objects.get_for_model(spec.model)
    for record in records:
        yield SearchEntry(
            content_type=content_type,
            object_id=record.pk,
            kind=spec.kind,
            **entry_fields(spec.build(record), is_public=record.search_is_public),
        )


def index_records(kind: str, ids: Iterable[int]) -> int:
    """Bring the entries of these records up to date; records that no longer exist are removed."""
    spec = KINDS[kind]
    ids = sorted(set(ids))
    written = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH_SIZE):
            batch = ids[start : start + BATCH_SIZE]
            entries = list(_entries(spec, spec.queryset().filter(pk__in=batch)))
            SearchEntry.objects.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["content_type", "object_id"],
                update_fields=[*ENTRY_FIELDS, "indexed_at"],
            )
            present = {entry.object_id for entry in entries}
            missing = [pk for pk in batch if pk not in present]
            if missing:
                SearchEntry.objects.filter(kind=kind, object_id__in=missing).delete()
            written += len(entries)
    return written


def rebuild_index(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Recreate the entries of these kinds (all by default) from the records; all or nothing."""
    counts = {}
    with transaction.atomic():
        for kind in kinds or KINDS:
            spec = KINDS[kind]
            SearchEntry.objects.filter(kind=kind).delete()
            batch, count = [], 0
            for entry in _entries(spec, spec.queryset().iterator(chunk_size=BATCH_SIZE)):
                batch.append(entry)
                if len(batch) >= BATCH_SIZE:
                    SearchEntry.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
            counts[kind] = count + len(batch)
    with connection.cursor() as cursor:
        # The planner's statistics for the new entries: without them it plans for the old table.
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
    return counts
