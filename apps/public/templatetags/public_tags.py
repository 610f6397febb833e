import json
from decimal import Decimal

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def _is_english():
    return (get_language() or "").startswith("en")


@register.filter
def cny(value):
    """A sum of money in the units readers of each language expect (万元/亿元, million/billion)."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    if _is_english():
        if value >= 10**9:
            return _("CNY %(amount)s billion") % {"amount": number_format(value / 10**9, 2)}
        return _("CNY %(amount)s million") % {"amount": number_format(value / 10**6, 1)}
    if value >= 10**8:
        return _("%(amount)s hundred million yuan") % {"amount": number_format(value / 10**8, 2)}
    return _("%(amount)s ten thousand yuan") % {"amount": number_format(value / 10**4, 1)}


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one), for links."""
    params = {
        key: [value for value in values if value]
        for key, values in context["request"].GET.lists()
        if key not in changes
    }
    params.update({key: [value] for key, value in changes.items() if value not in (None, "")})
    return "?" + urlencode(sorted((k, v) for k, v in params.items() if v), doseq=True)


@register.filter
def milestone_date(milestone):
    """A milestone's date as precisely as it is known: 1983, 1983年7月 / July 1983, or the day."""
    date, precision = milestone["date"], milestone["precision"]
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return date_format(date, "YEAR_MONTH_FORMAT")
    return date.isoformat()


@register.simple_tag(takes_context=True)
def translated_path(context, language):
    """This page's address in another language (the same address where the URL has no prefix)."""
    request = context.get("request")
    if request is None:
        return "/"
    # A page cached for everybody is keyed on its path alone: it links from its path.
    path = context.get("canonical_path") or request.get_full_path()
    return translate_url(path, language)


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def compact_json_script(value, element_id):
    """Like json_script, but compact and with Chinese as UTF-8 rather than \\u escapes."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id,
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),
    )
