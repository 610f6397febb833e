"""Template filters of ``apps.core.money``, one name per way of writing money::

{% load money %}
{{ total|yuan }}                    837,764,288.00 (staff: whole yuan, two decimals)
{{ fund.committed_amount|money_with_unit }}   6,000 万元 / CNY 60 million (public pages)
{{ row.amount|money_amount }}       6,000 / 60 (a column headed by the unit)
{% money_unit %}                    万元 / CNY million
"""

from django import template
from django.utils.html import format_html

from apps.core import money

register = template.Library()

register.filter("yuan", money.yuan)


@register.filter
def money_with_unit(value):
    """The amount with its unit, kept on one line (``.money``: "11,114.23 万元" never breaks)."""
    text = money.money_with_unit(value)
    return format_html('<span class="money">{}</span>', text) if text else ""


register.filter("money_amount", money.money_amount)
register.simple_tag(money.money_unit, name="money_unit")
