from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def cny(value):
    """An amount of yuan grouped by thousands with two decimals, the way finance staff read it."""
    if value in (None, ""):
        return ""
    return f"{Decimal(value):,.2f}"
