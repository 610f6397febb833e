"""Template filters of ``apps.core.money``, one name per way of writing money::

{% load money %}
{{ total|yuan }}                    837,764,288.00 (staff: whole yuan, two decimals)
{{ fund.committed_amount|money_with_unit }}   6,000 万元 / CNY 60 million (public pages)
{{ row.amount|money_amount }}       6,000 / 60 (a column headed by the unit)
{% money_unit %}                    万元 / CNY million
"""

from django import template

from apps.core import money

register = template.Library()

register.filter("yuan", money.yuan)
register.filter("money_with_unit", money.money_with_unit)
register.filter("money_amount", money.money_amount)
register.simple_tag(money.money_unit, name="money_unit")
