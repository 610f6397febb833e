"""Substring search (what ``icontains`` finds) served by indexes at any table size.

A trigram index serves ``UPPER(column) LIKE '%word%'`` only when the word has three characters
or more, and Chinese words are mostly two (汽车, 电池, a surname and a given name). So a large
table keeps a second index for its Chinese texts: a ``tsvector`` of every pair of adjacent
characters, computed by PostgreSQL itself in a stored generated column (``pairs_document``),
hence right after every write path: the services, imports, COPY and ``QuerySet.update()``.
Any text containing a word contains each of the word's pairs, so the index returns every row
ILIKE would find, and the ILIKE kept beside it removes the few rows that have the pairs apart.

Words of three characters or more, Chinese too, stay on the trigram indexes (pg_trgm counts
Chinese characters as letters under a UTF-8 character type, such as C.UTF-8): the planner
estimates a LIKE pattern's rows well, and so walks the list's ordering index for a common word
instead of reading every match, where the pairs' AND makes it expect a handful of rows.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Func, Q, TextField
from django.utils.text import smart_split, unescape_string_literal

# The shortest word a trigram index answers (pg_trgm cannot extract a trigram from less).
TRIGRAM_MIN_LENGTH = 3


class CharacterPairs(Func):
    """'新能源汽车' → '新能 源汽 车 能源 汽车': the text cut into pairs from its first and from
    its second character, i.e. every pair of adjacent characters, separated by spaces. The last
    character stands alone in one of the two cuttings, so a one-character word is a prefix."""

    template = (
        "(regexp_replace(%(expressions)s, '(..)', '\\1 ', 'g') || ' ' || "
        "regexp_replace(substr(%(expressions)s, 2), '(..)', '\\1 ', 'g'))"
    )
    output_field = TextField()


def pairs_document(*, paired, words=()):
    """A stored generated column's expression: the pairs of the ``paired`` text columns and
    the whole words of the ``words`` columns (English: a short word is found at a word's start,
    and longer ones by the trigram indexes), as one tsvector."""
    return SearchVector(*(CharacterPairs(field) for field in paired), *words, config="simple")


def search_words(search_term):
    """The words of an admin search, split as Django's admin splits them (quotes keep words
    together)."""
    for word in smart_split(search_term):
        if word.startswith(('"', "'")) and word[0] == word[-1]:
            word = unescape_string_literal(word)
        if word:
            yield word


def uses_trigrams(word):
    """Whether the trigram indexes serve this word (three characters or more); shorter words
    go to the pairs index."""
    return len(word) >= TRIGRAM_MIN_LENGTH


def pairs_query(word):
    """The tsquery a ``pairs_document`` matches for every text containing ``word``."""
    if len(word) <= 2 and word.isalnum():
        # One or two letters or digits cannot break the quoting. As a prefix, one character is
        # also found at the end of a text (alone in one cutting), two at an English word's start.
        return SearchQuery(f"'{word}':*", search_type="raw", config="simple")
    pairs = " ".join(word[start : start + 2] for start in range(len(word) - 1))
    # plainto_tsquery cuts the pairs with the same parser as the vector, and ANDs them.
    return SearchQuery(pairs, search_type="plain", config="simple")


def contains_any(word, fields):
    """``icontains`` on any of the fields."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def paired_word(word, *, document, fields):
    """Rows with ``word`` in one of ``fields``, found through the ``document`` vector and checked
    by ILIKE (so the fields a user may search decide, whatever else the vector holds)."""
    return Q(**{document: pairs_query(word)}) & contains_any(word, fields)
