"""Template filters of ``apps.core.money``, one name per way of writing money::

{% load money %}
{{ total|yuan }}                    837,764,288.00 (staff: whole yuan, two decimals)
{{ fund.committed_amount|money_with_unit }}   6,000 万元 / CNY 60 million (public pages)
{{ row.amount|money_amount }}       6,000 / 60 (a column headed by the unit)
{% money_unit %}                    万元 / CNY million
"""

import re

from django import template
from django.utils.html import format_html

from apps.core import money

register = template.Library()

register.filter("yuan", money.yuan)


_BEFORE_NUMBER = re.compile(r" (?=\d)")
_BEFORE_HAN = re.compile(r"(?<=\d) (?=[\u4e00-\u9fff])")
_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")


@register.filter
def money_with_unit(value):
    """The amount with its unit (``.money``, kept on one line by the stylesheets). Where a
    narrow box must wrap it, the number never parts from its currency or its unit: a no-break
    space before the number ("CNY 111.14" stays whole, "million" may go to the next line) and
    between the number and a Chinese unit, and a word joiner inside the unit (万元, not 万/元)."""
    text = money.money_with_unit(value)
    if not text:
        return ""
    text = _BEFORE_NUMBER.sub("\u00a0", text)
    text = _BEFORE_HAN.sub("\u00a0", text)
    text = _BETWEEN_HAN.sub("\u2060", text)
    return format_html('<span class="money">{}</span>', text)


register.filter("money_amount", money.money_amount)
register.simple_tag(money.money_unit, name="money_unit")
