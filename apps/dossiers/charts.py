"""The dossier's trend chart: contracts signed and exchange events held by year, drawn on the
server as plain SVG (no script), so it prints and goes into the PDF as it is.

It reads the region page's own year rows (``apps.public.selectors``: ``overview["years"]``), so
every bar is a number of the region page's table. A year with no record, or before a kind's
first record here, is a gap, not a zero bar; the current year is hatched as partial.
"""

from django.utils.html import escape
from django.utils.translation import pgettext

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 10, 28, 34
YEARS = 10
SERIES = (
    ("contracts", "#7a1f5c", "before_contracts"),
    ("events", "#3d7ab8", "before_events"),
)


def _nice_ceiling(value):
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value`` (the axis' top)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _text_width(text):
    """Roughly how wide ``text`` is at 11 px: a Chinese character is square, Latin narrower."""
    return sum(11 if ord(char) > 0x2E80 else 6.2 for char in str(text))


def trend_rows(years):
    """The last ``YEARS`` year rows of the overview, each kind's count None where it is a gap."""
    rows = []
    for row in years[-YEARS:]:
        rows.append(
            {
                "year": row["year"],
                "partial": bool(row.get("partial")),
                **{
                    key: None if row.get("empty") or row.get(before) else row[key]
                    for key, _colour, before in SERIES
                },
            }
        )
    return rows


def trend_svg(years):
    """The chart as an SVG string ("" when there is no year with a record)."""
    rows = trend_rows(years)
    values = [row[key] or 0 for row in rows for key, _c, _b in SERIES]
    if not rows or not any(values):
        return ""
    top = _nice_ceiling(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(rows)
    bar = slot * 0.36
    labels = {
        "contracts": pgettext("dossier chart", "Technology contracts signed"),
        "events": pgettext("dossier chart", "Exchange events held"),
    }
    title = pgettext("dossier chart", "Contracts and exchange events by year")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" font-size="11" '
        'font-family="Noto Sans CJK SC, Noto Sans, sans-serif">',
        '<defs><pattern id="partial" width="4" height="4" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="2" height="4" fill="#999"/></pattern></defs>',
    ]
    # Gridlines where the count is whole: 0, the top, and the middle when it is whole too.
    for fraction in (0, 0.5, 1) if top % 2 == 0 else (0, 1):
        y = TOP + plot_h * (1 - fraction)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#ccc" stroke-width="0.6"/>'
            f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#555">'
            f"{int(top * fraction):,}</text>"
        )
    for index, row in enumerate(rows):
        x0 = LEFT + index * slot + (slot - 2 * bar) / 2
        for offset, (key, colour, _before) in enumerate(SERIES):
            value = row[key]
            if value is None:
                continue
            height = plot_h * value / top
            x = x0 + offset * bar
            fill = "url(#partial)" if row["partial"] else colour
            parts.append(
                f'<rect x="{x:.1f}" y="{TOP + plot_h - height:.1f}" width="{bar:.1f}" '
                f'height="{height:.1f}" fill="{fill}" stroke="{colour}" stroke-width="0.6">'
                f"<title>{row['year']} {escape(labels[key])}: {value:,}</title></rect>"
            )
        mark = "*" if row["partial"] else ""
        parts.append(
            f'<text x="{LEFT + (index + 0.5) * slot:.1f}" y="{HEIGHT - BOTTOM + 14}" '
            f'text-anchor="middle" fill="#333">{row["year"]}{mark}</text>'
        )
    x = LEFT
    for key, colour, _before in SERIES:
        parts.append(
            f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="17" fill="#333">{escape(labels[key])}</text>'
        )
        x += 14 + _text_width(labels[key]) + 20
    parts.append("</svg>")
    return "".join(parts)
