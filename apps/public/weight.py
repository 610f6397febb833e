"""The home page's weight as a browser loads it: the HTML and every static file it pulls in."""

import gzip
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

STATIC_REFERENCE = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def _static_file(url):
    """The file behind a static URL: a source file (development), or the collected file under
    the production profile, where the page names the hashed copy the manifest made."""
    name = url.removeprefix(settings.STATIC_URL)
    found = finders.find(name)
    if found:
        return Path(found)
    if settings.STATIC_ROOT and (Path(settings.STATIC_ROOT) / name).is_file():
        return Path(staticfiles_storage.path(name))
    raise FileNotFoundError(url)


def page_weight(html):
    """[(resource, bytes, gzip -9 bytes)] for the page and the static files it references."""
    rows = [("HTML", len(html.encode()), len(gzip.compress(html.encode(), 9)))]
    for url in dict.fromkeys(STATIC_REFERENCE.findall(html)):
        content = _static_file(url).read_bytes()
        rows.append((url, len(content), len(gzip.compress(content, 9))))
    return rows
