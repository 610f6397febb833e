"""How the public site writes numbers and places, in each language.

Sums of money (one unit per language: 万元 on Chinese pages, CNY million on English pages) are
written by ``apps.core.money``.
"""

from django.utils.translation import pgettext

# Sums of money are written by ``apps.core.money``, the one module that does; the public
# tables and charts read the page's unit from there through these names.
from apps.core.money import is_english, money_in_unit, money_number, money_unit, plain_number

__all__ = [
    "NONE_TEXT",
    "colon",
    "is_english",
    "money_in_unit",
    "money_number",
    "money_unit",
    "place_name",
    "plain_number",
    "value_state",
    "withheld_text",
]

# Cell text for "no records" and for a value withheld for confidentiality.
NONE_TEXT = "—"


def withheld_text():
    return pgettext("public site", "withheld")


def value_state(value, count):
    """'none' (no records), 'withheld' (kept back for confidentiality) or 'shown'."""
    if not count:
        return "none"
    if value is None:
        return "withheld"
    return "shown"


def colon():
    """The colon after a label: full-width in Chinese."""
    return ": " if is_english() else "："


def place_name(province, city=None):
    """A place as its readers write it: 江苏省苏州市 in Chinese, "Suzhou, Jiangsu" in English."""
    names = [str(part) for part in (province, city) if part]
    if city is not None and str(city) == str(province):
        names = [str(city)]
    if is_english():
        return ", ".join(reversed(names))
    return "".join(names)
