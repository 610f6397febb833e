"""The ranking: a request's text (with its industry and province) against every declared source.

One query reads a bounded set of candidates of every source at once (those sharing words with
the request in the index's GIN-indexed vector, or whose names the request names, found with
the trigram index), ranked there by PostgreSQL's ``ts_rank``; Python then scores them:

* words: each request word a candidate has (BM25 over the candidates: a word few candidates
  share weighs more, a long text does not win by length; a longer Chinese word weighs more
  than a two-character one; a word matched through its finer parts, less);
* names: a request that names a candidate (a department, an achievement) gains it a bonus
  (trigram ``word_similarity``);
* industry: a candidate of the request's industry, or a department whose achievements or
  experts are of it, weighs more;
* province: a candidate applied or serving in the request's province weighs a little more;
* a candidate that belongs to a department (an achievement, an expert) lends part of its
  score to that department's entry.

Each suggestion carries its reason in the active language. The same number of queries answers
any request, whatever the number of candidates.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext, pgettext

from apps.core.models import pick_language
from apps.matching.models import MatchEntry
from apps.matching.sources import declared
from apps.matching.words import clean, is_cjk, query_words

# Candidates read per source, and the rows sharing a word among which they are ranked: a
# common word matches thousands of rows, and ranking reads each one's vector.
CANDIDATES_PER_SOURCE = 200
MATCHING_ROWS_PER_SOURCE = 2000
# A request naming a candidate: its name in the text, or nearly (trigram word similarity).
NAMED_SIMILARITY = 0.6
NAME_QUERY_CHARS = 80
NAMES_TEXT_CHARS = 2000
BM25_K1 = 1.2
BM25_B = 0.5
PART_WEIGHT = 0.5
INDUSTRY_FACTOR = 1.3
PROVINCE_FACTOR = 1.1
NAMED_BONUS = 3.0
# The share of a member's score (relative to the best of its list) its department gains.
MEMBER_SUPPORT = 0.6
MEMBERS_COUNTED = 3
REASON_WORDS = 4
# A suggestion scoring under this share of its list's best says too little to be offered.
MIN_SHARE_OF_BEST = 0.1

_SQL = f"""
WITH q AS (SELECT to_tsquery('simple', %(tsquery)s) AS query)
SELECT ranked.* FROM unnest(%(sources)s::text[]) AS s(key)
CROSS JOIN LATERAL (
    SELECT e.id, e.source, e.object_id, e.code, e.name_zh, e.name_en, e.words, e.parts,
           e.industries, e.province_id, e.department_code, e.url, e.is_public,
           ((e.name_zh <> '' AND strpos(%(names_text)s, lower(e.name_zh)) > 0)
            OR (e.name_en <> '' AND strpos(%(names_text)s, lower(e.name_en)) > 0)
            OR GREATEST(word_similarity(lower(e.name_zh), %(names_text)s),
                        word_similarity(lower(e.name_en), %(names_text)s)) >= %(named)s
           ) AS named,
           (%(industry)s <> '' AND (%(industry)s = ANY(e.industries) OR EXISTS (
               SELECT 1 FROM {MatchEntry._meta.db_table} m
               WHERE m.department_code = e.code AND m.department_code <> ''
                 AND m.source <> e.source AND %(industry)s = ANY(m.industries)
                 AND (m.is_public OR NOT %(public_only)s)
           ))) AS same_industry
    FROM {MatchEntry._meta.db_table} e, q
    WHERE e.id IN (
        (SELECT f.id FROM {MatchEntry._meta.db_table} f, q
         WHERE f.source = s.key AND f.document @@ q.query
           AND (f.is_public OR NOT %(public_only)s)
         LIMIT {MATCHING_ROWS_PER_SOURCE})
        UNION
        (SELECT n.id FROM {MatchEntry._meta.db_table} n
         WHERE n.source = s.key AND %(short_text)s <> '' AND n.names %%> %(short_text)s
           AND (n.is_public OR NOT %(public_only)s)
         LIMIT {CANDIDATES_PER_SOURCE})
    )
    ORDER BY ts_rank(e.document, q.query) DESC, e.id
    LIMIT {CANDIDATES_PER_SOURCE}
) AS ranked
"""


@dataclass
class Suggestion:
    source: str
    object_id: int
    code: str
    name_zh: str
    name_en: str
    score: float
    why: str
    url: str = ""
    is_public: bool = True
    department_code: str = ""

    @property
    def name(self):
        return pick_language(self.name_zh, self.name_en)

    def as_json(self):
        return {
            "code": self.code,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "score": round(self.score, 3),
            "why": self.why,
        }


def _tsquery(words):
    lexemes = []
    for word, _surface, parts in words:
        lexemes.append(word)
        lexemes.extend(parts)
    quoted = ["'" + lexeme.replace("'", "''").replace("\\", "") + "'" for lexeme in lexemes]
    return " | ".join(dict.fromkeys(quoted))


def _specificity(word):
    if is_cjk(word):
        return {2: 1.0, 3: 1.25}.get(len(word), 1.5)
    return 1.0


class _Scorer:
    """BM25 over one source's candidates."""

    def __init__(self, rows, words):
        self.words = words
        self.bags = [(Counter(r["words"].split()), Counter(r["parts"].split())) for r in rows]
        count = len(rows) or 1
        self.average_length = sum(sum(w.values()) for w, _p in self.bags) / count or 1.0
        frequency = Counter()
        for whole, parts in self.bags:
            frequency.update(set(whole) | set(parts))
        self.idf = {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }

    def _term(self, term, occurrences, length):
        saturation = BM25_K1 * (1 - BM25_B + BM25_B * length / self.average_length)
        weight = occurrences * (BM25_K1 + 1) / (occurrences + saturation)
        return self.idf.get(term, 0.0) * weight * _specificity(term)

    def score(self, index):
        """(score, [(contribution, surface)]) of the candidate at ``index``."""
        whole, parts = self.bags[index]
        length = sum(whole.values())
        total, matched = 0.0, []
        for position, (word, surface, word_parts) in enumerate(self.words):
            if whole[word]:
                value = self._term(word, whole[word], length)
            elif parts[word]:
                value = PART_WEIGHT * self._term(word, parts[word], length)
            else:
                # Matched through its finer parts only (压缩空气储能 → 储能): the reason
                # names the parts.
                found = [p for p in word_parts if whole[p] or parts[p]]
                value = (
                    PART_WEIGHT
                    * sum(self._term(p, whole[p] + parts[p], length) for p in found)
                    / len(word_parts)
                    if found
                    else 0.0
                )
                surface = pgettext("list separator", ", ").join(found[:2])
            if value > 0:
                total += value
                matched.append((value, surface, position))
        return total, matched


def _reason(matched, *, same_industry, same_province, named, supported_by):
    reasons = []
    if named:
        reasons.append(gettext("named in the request"))
    if matched:
        best = sorted(matched, key=lambda found: -found[0])[:REASON_WORDS]
        # In the request's order, English neighbours joined back into their phrase.
        shown, previous = [], None
        for _value, surface, position in sorted(best, key=lambda found: found[2]):
            if shown and previous == position - 1 and not is_cjk(surface + shown[-1]):
                shown[-1] = f"{shown[-1]} {surface}"
            else:
                shown.append(surface)
            previous = position
        reasons.append(
            gettext("words: %(words)s")
            % {"words": pgettext("list separator", ", ").join(dict.fromkeys(shown))}
        )
    if supported_by:
        reasons.append(gettext("related: %(names)s") % {"names": supported_by})
    if same_industry:
        reasons.append(gettext("same industry"))
    if same_province:
        reasons.append(gettext("same province"))
    return pgettext("reasons separator", "; ").join(reasons)


def match(text, *, industry="", province_id=None, limit=5, public_only=True):
    """{source key: [Suggestion]} for every declared source, best first, ``limit`` each.

    ``public_only``: only what the record types publish (what a partner may be shown); staff
    pass False and see unpublished candidates too, marked by ``Suggestion.is_public``.
    """
    sources = declared()
    result = {key: [] for key in sources}
    text = clean(text)
    words = query_words(text)
    short_text = text.strip().lower() if len(text.strip()) <= NAME_QUERY_CHARS else ""
    if not sources or limit <= 0 or not (words or short_text):
        return result
    with connection.cursor() as cursor:
        cursor.execute(
            _SQL,
            {
                "tsquery": _tsquery(words) or "''",
                "sources": list(sources),
                "names_text": text[:NAMES_TEXT_CHARS].lower(),
                "short_text": short_text,
                "industry": industry or "",
                "named": NAMED_SIMILARITY,
                "public_only": public_only,
            },
        )
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    by_source = defaultdict(list)
    for row in rows:
        by_source[row["source"]].append(row)
    scored = {}
    for key, source_rows in by_source.items():
        scorer = _Scorer(source_rows, words)
        entries = []
        for index, row in enumerate(source_rows):
            score, matched = scorer.score(index)
            named = row["named"]
            if named:
                score += NAMED_BONUS
            if score <= 0:
                continue
            same_province = province_id is not None and row["province_id"] == province_id
            if row["same_industry"]:
                score *= INDUSTRY_FACTOR
            if same_province:
                score *= PROVINCE_FACTOR
            entries.append(
                {
                    "row": row,
                    "score": score,
                    "matched": matched,
                    "named": named,
                    "same_province": same_province,
                    "support": [],
                }
            )
        scored[key] = entries
    _lend_to_departments(scored)
    for key, entries in scored.items():
        entries.sort(key=lambda e: (-e["score"], e["row"]["code"]))
        if entries:
            floor = entries[0]["score"] * MIN_SHARE_OF_BEST
            entries = [e for e in entries if e["score"] >= floor]
        result[key] = [
            Suggestion(
                source=key,
                object_id=e["row"]["object_id"],
                code=e["row"]["code"],
                name_zh=e["row"]["name_zh"],
                name_en=e["row"]["name_en"],
                score=e["score"],
                why=_reason(
                    e["matched"],
                    same_industry=e["row"]["same_industry"],
                    same_province=e["same_province"],
                    named=e["named"],
                    supported_by=pgettext("list separator", ", ").join(e["support"]),
                ),
                url=e["row"]["url"],
                is_public=e["row"]["is_public"],
                department_code=e["row"]["department_code"],
            )
            for e in entries[:limit]
        ]
    return result


def _lend_to_departments(scored):
    """A candidate that belongs to a department lends part of its score (relative to the best
    of its list) to the entry of that department, when it is among the candidates."""
    owners = {}
    for entries in scored.values():
        for entry in entries:
            if not entry["row"]["department_code"]:
                owners.setdefault(entry["row"]["code"], entry)
    for key, entries in scored.items():
        members = [e for e in entries if e["row"]["department_code"]]
        if not members:
            continue
        best = max(e["score"] for e in members)
        lent = defaultdict(list)
        for entry in sorted(members, key=lambda e: -e["score"]):
            name = pick_language(entry["row"]["name_zh"], entry["row"]["name_en"])
            lent[entry["row"]["department_code"]].append((entry["score"] / best, name))
        for code, shares in lent.items():
            owner = owners.get(code)
            if owner is None or owner["row"]["source"] == key:
                continue
            owner["score"] += MEMBER_SUPPORT * sum(
                share for share, _name in shares[:MEMBERS_COUNTED]
            )
            owner["support"].append(shares[0][1])
