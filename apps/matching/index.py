"""The matching index (``MatchEntry``), derived from the declared sources' candidates.

``refresh`` brings some records' entries up to date (the signals call it on commit);
``rebuild`` recreates every source's entries (``manage.py rebuild_match_index``, ``load_demo``,
``generate_synthetic``). Whether an entry is public is the record type's ``published`` rule,
read here once for every source (a source declaring ``public_only=False`` offers all of its
candidates to partners).
"""

from django.db import connection, transaction

from apps.matching.models import MatchEntry
from apps.matching.sources import declared
from apps.matching.words import clean, document_words

BATCH_SIZE = 1000
ENTRY_FIELDS = [
    "code",
    "name_zh",
    "name_en",
    "names",
    "words",
    "parts",
    "industries",
    "province_id",
    "city_id",
    "department_code",
    "url",
    "is_public",
]


def _entry(key, candidate, is_public):
    words, parts = document_words(candidate.name_zh, candidate.name_en, candidate.text)
    return MatchEntry(
        source=key,
        object_id=candidate.object_id,
        code=candidate.code[:100],
        name_zh=clean(candidate.name_zh)[:300],
        name_en=clean(candidate.name_en)[:400],
        names=clean(f"{candidate.name_zh} {candidate.name_en}").lower(),
        words=words,
        parts=parts,
        industries=[str(industry) for industry in candidate.industries],
        province_id=candidate.province_id,
        city_id=candidate.city_id,
        department_code=candidate.department_code or "",
        url=candidate.url or "",
        is_public=is_public,
    )


def _published_ids(record_type, source, ids):
    if not source.public_only:
        return None  # every candidate may be shown
    return set(
        record_type.model._default_manager.published()
        .filter(pk__in=list(ids))
        .values_list("pk", flat=True)
    )


def _entries(key, record_type, source, candidates):
    candidates = list(candidates)
    public = _published_ids(record_type, source, [c.object_id for c in candidates])
    return [_entry(key, c, public is None or c.object_id in public) for c in candidates]


def refresh(key, ids):
    """Bring the entries of these records of source ``key`` up to date; records that are no
    longer candidates lose their entry."""
    sources = declared()
    if key not in sources:
        return 0
    record_type, source = sources[key]
    ids = sorted({pk for pk in ids if pk is not None})
    written = 0
    with transaction.atomic():
        for start in range(0, len(ids), BATCH_SIZE):
            batch = ids[start : start + BATCH_SIZE]
            entries = _entries(key, record_type, source, source.candidates(ids=batch))
            MatchEntry.objects.bulk_create(
                entries,
                update_conflicts=True,
                unique_fields=["source", "object_id"],
                update_fields=[*ENTRY_FIELDS, "indexed_at"],
            )
            present = {entry.object_id for entry in entries}
            gone = [pk for pk in batch if pk not in present]
            if gone:
                MatchEntry.objects.filter(source=key, object_id__in=gone).delete()
            written += len(entries)
    return written


def rebuild(keys=None):
    """Recreate the entries of these sources (all by default) from the records; all or nothing."""
    counts = {}
    sources = declared()
    with transaction.atomic():
        for key in keys or sources:
            record_type, source = sources[key]
            MatchEntry.objects.filter(source=key).delete()
            batch, count = [], 0
            for candidate in source.candidates(ids=None):
                batch.append(candidate)
                if len(batch) >= BATCH_SIZE:
                    MatchEntry.objects.bulk_create(_entries(key, record_type, source, batch))
                    count += len(batch)
                    batch = []
            MatchEntry.objects.bulk_create(_entries(key, record_type, source, batch))
            counts[key] = count + len(batch)
        # Entries of sources no longer declared go too.
        if keys is None:
            MatchEntry.objects.exclude(source__in=list(sources)).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {MatchEntry._meta.db_table}")
    return counts
