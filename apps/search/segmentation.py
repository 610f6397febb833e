"""Chinese and English text cut into search terms in the application (jieba), not the database."""

from functools import lru_cache

import jieba

# A single Chinese character carries little meaning on its own (的, 与, 和 …); a query keeps it
# only when it has nothing else.
MIN_CJK_QUERY_TERM = 2


def _is_term(token):
    return bool(token) and all(character.isalnum() for character in token)


def _is_cjk(token):
    return any("\u3400" <= character <= "\u9fff" for character in token)


@lru_cache(maxsize=100_000)
def _search_terms(text):
    # Names of places, departments and kinds recur in thousands of records: cut each once.
    return " ".join(t.lower() for t in jieba.cut_for_search(text) if _is_term(t))


def index_terms(*texts):
    """Every searchable word of the texts, fine-grained and whole (jieba's search mode)."""
    return " ".join(terms for text in texts if text and (terms := _search_terms(str(text))))


def query_terms(text):
    """The words of a query as jieba cuts them (precise mode), each with its finer parts."""
    words = [t.lower() for t in jieba.cut(text or "") if _is_term(t)]
    meaningful = [w for w in words if not (_is_cjk(w) and len(w) < MIN_CJK_QUERY_TERM)]
    words = meaningful or words
    terms = []
    for word in dict.fromkeys(words):
        parts = [
            p.lower()
            for p in jieba.cut_for_search(word)
            if _is_term(p) and p.lower() != word and len(p) >= MIN_CJK_QUERY_TERM
        ]
        terms.append((word, list(dict.fromkeys(parts))))
    return terms


def tsquery(terms, *, operator="&"):
    """A to_tsquery() expression: each word as a prefix, or all of its finer parts."""
    clauses = []
    for word, parts in terms:
        clause = f"'{word}':*"
        if parts:
            every_part = " & ".join(f"'{part}'" for part in parts)
            clause = f"({clause} | ({every_part}))"
        clauses.append(clause)
    return f" {operator} ".join(clauses)
