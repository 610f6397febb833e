from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def grouped(value):
    """1234567.5 → 1,234,567.50; 1234 → 1,234 (the way finance staff read figures)."""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return value
