"""The home page's weight as a browser loads it: the HTML and every static file it pulls in."""

import gzip
import re

from django.contrib.staticfiles import finders
from django.templatetags.static import static

STATIC_REFERENCE = re.compile(r'(?:href|src|data-geojson)="(/static/[^"]+)"')


def page_weight(html):
    """[(resource, bytes, gzip -9 bytes)] for the page and the static files it references."""
    rows = [("HTML", len(html.encode()), len(gzip.compress(html.encode(), 9)))]
    prefix = static("")
    for url in dict.fromkeys(STATIC_REFERENCE.findall(html)):
        path = finders.find(url.removeprefix(prefix))
        if path is None:
            raise FileNotFoundError(url)
        with open(path, "rb") as file:
            content = file.read()
        rows.append((url, len(content), len(gzip.compress(content, 9))))
    return rows
