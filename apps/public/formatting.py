"""How the public site writes numbers, sums of money and places, in each language.

One unit of money per language, used by every table, figure, chart and legend: 万元 on Chinese
pages, CNY million on English pages. Amounts are rounded half up (never cut off) to two places
of that unit, and written without trailing zeros ("6,000", "1,076.23", "10.8").
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language, pgettext

MONEY_PLACES = Decimal("0.01")
# Cell text for "no records" and for a value withheld for confidentiality.
NONE_TEXT = "—"


def is_english():
    return (get_language() or "").startswith("en")


def money_divisor():
    return Decimal(10**6) if is_english() else Decimal(10**4)


def money_unit():
    """The unit every amount on the page is written in."""
    if is_english():
        return pgettext("money unit", "CNY million")
    return pgettext("money unit", "ten thousand yuan")


def money_in_unit(value):
    """``value`` yuan in the page's unit, rounded half up to two places (a Decimal), or None."""
    if value is None or value == "":
        return None
    return (Decimal(str(value)) / money_divisor()).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)


def plain_number(value):
    """A number grouped by thousands, without trailing zeros after the decimal point."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
        return f"{value:,.{places}f}"
    return f"{value:,}"


def money_amount(value):
    """The amount in the page's unit, without the unit (for a column headed by it)."""
    converted = money_in_unit(value)
    return "" if converted is None else plain_number(converted)


def money(value):
    """The amount with its unit, for a figure standing on its own."""
    converted = money_in_unit(value)
    if converted is None:
        return ""
    if is_english():
        return pgettext("money with unit", "CNY %(amount)s million") % {
            "amount": plain_number(converted)
        }
    return pgettext("money with unit", "%(amount)s ten thousand yuan") % {
        "amount": plain_number(converted)
    }


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
