"""Every way the portal writes a sum of money, each under its own name.

Two readers, two ways of writing the same yuan:

* **Staff and finance** (the admin's totals, the annual report): whole yuan with two decimals,
  grouped by thousands: ``yuan`` gives the text ("837,764,288.00"), ``yuan_decimal`` the
  amount rounded to the fen, for a spreadsheet cell.
* **The public pages** (tables, figures, charts, dossiers, outcomes): one unit per language,
  used by every table, figure, chart and legend: 万元 on Chinese pages, CNY million on English
  pages (``money_unit``). Amounts are rounded half up (never cut off) to two places of that
  unit (``money_in_unit``) and always written with those two places ("6,000.00", "1,076.23",
  "10.80"), as the public definitions promise: ``money_amount`` without the unit (a column headed by it), ``money_with_unit`` with it (a
  figure standing on its own).

The template filters of the same names are in ``apps/core/templatetags/money.py``
(``{% load money %}``).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language, pgettext

FEN = Decimal("0.01")
MONEY_PLACES = FEN
ZERO = Decimal("0")


def is_english():
    return (get_language() or "").startswith("en")


# --------------------------------------------------------------------------- whole yuan


def yuan(value):
    """An amount of yuan grouped by thousands with two decimals, the way finance staff read
    it ("" for none)."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value):,.2f}"


def yuan_decimal(value):
    """An amount of yuan rounded to the fen, as a Decimal (none is 0.00): a report's cell."""
    return (value or ZERO).quantize(FEN)


# --------------------------------------------------------------------------- the page's unit


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


def money_number(amount):
    """An amount already in the page's unit, grouped by thousands with exactly two places."""
    if amount is None:
        return ""
    return f"{Decimal(str(amount)):,.2f}"


def money_divisor():
    return Decimal(10**6) if is_english() else Decimal(10**4)


def money_unit():
    """The unit every amount on a public page is written in."""
    if is_english():
        return pgettext("money unit", "CNY million")
    return pgettext("money unit", "ten thousand yuan")


def money_in_unit(value):
    """``value`` yuan in the page's unit, rounded half up to two places (a Decimal), or None."""
    if value is None or value == "":
        return None
    return (Decimal(str(value)) / money_divisor()).quantize(MONEY_PLACES, rounding=ROUND_HALF_UP)


def money_amount(value):
    """The amount in the page's unit, without the unit (for a column headed by it)."""
    converted = money_in_unit(value)
    return "" if converted is None else money_number(converted)


def money_with_unit(value):
    """The amount in the page's unit with the unit, for a figure standing on its own."""
    converted = money_in_unit(value)
    if converted is None:
        return ""
    if is_english():
        return pgettext("money with unit", "CNY %(amount)s million") % {
            "amount": money_number(converted)
        }
    return pgettext("money with unit", "%(amount)s ten thousand yuan") % {
        "amount": money_number(converted)
    }
