"""Chinese and English text cut into search terms in the application (jieba), not the database.

jieba's own dictionary lacks many of the portal's technical words (储能, 热管理, 固态电池 …):
``dictionary.txt`` beside this module adds them (one word a line, with jieba's frequency and
part of speech). A change to it changes the words records are cut into: run
``manage.py rebuild_search_index`` (and ``rebuild_match_index``) after it.
"""

import threading
from functools import lru_cache
from pathlib import Path

import jieba

USER_DICTIONARY = Path(__file__).with_name("dictionary.txt")
_dictionary_lock = threading.Lock()
_dictionary_loaded = False


def load_dictionary():
    """Load jieba's dictionary and the portal's words, once per process."""
    global _dictionary_loaded
    if _dictionary_loaded:
        return
    with _dictionary_lock:
        if not _dictionary_loaded:
            jieba.initialize()
            jieba.load_userdict(str(USER_DICTIONARY))
            _dictionary_loaded = True


def cut(text):
    """jieba's precise mode, with the portal's words."""
    load_dictionary()
    return jieba.cut(text)


def cut_for_search(text):
    """jieba's search mode (each long word also in its finer parts), with the portal's words."""
    load_dictionary()
    return jieba.cut_for_search(text)


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
    return " ".join(t.lower() for t in cut_for_search(text) if _is_term(t))


def index_terms(*texts):
    """Every searchable word of the texts, fine-grained and whole (jieba's search mode)."""
    return " ".join(terms for text in texts if text and (terms := _search_terms(str(text))))


def query_terms(text):
    """The words of a query as jieba cuts them (precise mode), each with its finer parts."""
    words = [t.lower() for t in cut(text or "") if _is_term(t)]
    meaningful = [w for w in words if not (_is_cjk(w) and len(w) < MIN_CJK_QUERY_TERM)]
    words = meaningful or words
    terms = []
    for word in dict.fromkeys(words):
        parts = [
            p.lower()
            for p in cut_for_search(word)
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
