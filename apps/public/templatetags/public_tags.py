import functools
import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext

from apps.core import money
from apps.core.templatetags.money import money_with_unit as money_html
from apps.public import formatting

register = template.Library()


@register.filter
def number(value):
    """A count grouped by thousands."""
    return formatting.plain_number(value)


@register.simple_tag
def colon():
    return formatting.colon()


@register.simple_tag
def table_body(table):
    """The rows of a public table (``apps.public.tables.Table``), as the page shows them.

    Written out here rather than as nested template loops: the provinces table alone is 300
    cells, and the template language spends a few hundred lookups per row, a third of a cold
    home page's rendering. The first cell heads its row; every other cell carries its
    column's label for phones (``data-label``); a withheld value links to the note saying why.
    """
    labels = [(conditional_escape(column.label), column.numeric) for column in table.columns]
    html = []
    for row in table.rows:
        html.append("<tr>")
        for index, ((label, numeric), cell) in enumerate(zip(labels, row, strict=True)):
            text = conditional_escape(cell.text)
            if cell.state == "withheld" and index:
                text = f'<a class="withheld" href="#withheld-note">{text}</a>'
            elif cell.url:
                text = f'<a href="{conditional_escape(cell.url)}">{text}</a>'
            if not index:
                html.append(f'<th scope="row">{text}</th>')
            else:
                numeric_class = ' class="num"' if numeric else ""
                html.append(f'<td{numeric_class} data-label="{label}">{text}</td>')
        html.append("</tr>")
    return mark_safe("".join(html))  # noqa: S308 -- every text and URL escaped above


@register.simple_tag
def place(province, city=None):
    return formatting.place_name(province, city)


@register.simple_tag
def contract_value(value, count, *, with_unit=True):
    """A contract value as a reader should take it: "—" for no contract, "withheld" (linked to
    the page's one explanation) for a value kept back, else the amount."""
    state = formatting.value_state(value, count)
    if state == "none":
        return format_html('<span class="none">{}</span>', formatting.NONE_TEXT)
    if state == "withheld":
        return format_html(
            '<a class="withheld" href="#withheld-note">{}</a>', formatting.withheld_text()
        )
    if not with_unit:
        return money.money_amount(value)
    return money_html(value)


_HAN = re.compile(r"[\u3400-\u9fff]")


@register.filter
def own_language(text):
    """Text entered in one language only: on an English page, Chinese text is marked as such
    (screen readers and fonts then treat it right)."""
    if formatting.is_english() and text and _HAN.search(str(text)):
        return format_html('<span lang="zh-Hans">{}</span>', text)
    return text


@register.filter
def organizer(text):
    """An event's organizer; the department's own name is said in the page's language."""
    if text == "清华大学科技开发部":
        return pgettext("public site", "S&T Development Department, Tsinghua University")
    return own_language(text)


@register.filter
def definition_url(anchor):
    return f"{reverse('public:definitions')}#{anchor}"


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
    path, mark, query = (context.get("canonical_path") or request.get_full_path()).partition("?")
    # translate_url() passes the query through as it is: only the path is looked up.
    return _translated(path, get_language(), language) + mark + query


@functools.lru_cache(maxsize=2048)
def _translated(path, current, language):
    """``translate_url`` (a resolve and a reverse, a millisecond) once per path and pair of
    languages in a process: the URL configuration does not change while it runs, and every
    data change re-renders the same pages. Keyed on the path alone, so no combination of
    query parameters adds an entry."""
    return translate_url(path, language)


@register.filter
def compact_json_script(value, element_id):
    """Like json_script, but compact and with Chinese as UTF-8 rather than \\u escapes."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id,
        # As json_script escapes, but with replace(): str.translate() walks a long text with
        # Chinese in it a character at a time (8 ms for the home page's data, against 0.1).
        mark_safe(text.replace("&", "\\u0026").replace("<", "\\u003C").replace(">", "\\u003E")),
    )
