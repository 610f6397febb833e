"""A dossier as HTML (with its print stylesheet) and as a paginated PDF (WeasyPrint)."""

import json

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import pgettext

STYLESHEET = "dossiers/dossier.css"


def stylesheet():
    with open(finders.find(STYLESHEET), encoding="utf-8") as source:
        return source.read()


def page_counter():
    """CSS ``content`` for the footer's page numbers in the active language."""
    text = pgettext("dossier", "Page {page} of {pages}")
    parts = []
    for piece in text.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(json.dumps(piece, ensure_ascii=False))
    return " ".join(parts)


def dossier_html(data):
    """The standalone document the PDF is made from (styles inlined, no script)."""
    return render_to_string(
        "dossiers/dossier.html",
        {"d": data, "inline_css": stylesheet(), "page_counter": page_counter()},
    )


def dossier_pdf(data):
    # Imported here, in the Celery worker that makes PDFs: importing WeasyPrint looks for its
    # libraries (ldconfig and gcc in subprocesses), which no web process should pay for.
    from weasyprint import HTML

    return HTML(string=dossier_html(data)).write_pdf()
