"""Search results as a reader scans them: the matched words marked, a short excerpt around them."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from apps.search.segmentation import query_terms

EXCERPT_LENGTH = 160
_HAN = re.compile(r"[\u3400-\u9fff]")


def matched_words(query):
    """The query's words and their finer parts, longest first (so 汽车工程 wins over 汽车)."""
    words = set()
    for word, parts in query_terms(query):
        words.add(word)
        words.update(parts)
    return sorted((w for w in words if w), key=len, reverse=True)


def _pattern(words):
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def excerpt(text, words, length=EXCERPT_LENGTH):
    """Up to ``length`` characters of ``text``, starting a little before the first match."""
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    pattern = _pattern(words)
    found = pattern.search(text) if pattern else None
    start = max(0, (found.start() if found else 0) - length // 4)
    piece = text[start : start + length]
    return ("…" if start else "") + piece + ("…" if start + length < len(text) else "")


def highlight(text, words):
    """``text`` escaped, with every matched word in <mark>."""
    text = str(text or "")
    pattern = _pattern(words)
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for found in pattern.finditer(text):
        pieces.append(escape(text[last : found.start()]))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    pieces.append(escape(text[last:]))
    # Words found side by side (有机 + 发光) read as one marked phrase.
    return mark_safe("".join(pieces).replace("</mark><mark>", ""))


def in_page_language(text, english):
    """Whether ``text`` reads in the page's language (a Chinese page shows no English-only text)."""
    if not text:
        return False
    has_han = bool(_HAN.search(text))
    return not has_han if english else has_han
