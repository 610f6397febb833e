"""Dossiers made in the background and kept per data version, language and audience, so a
second click is served at once and a change to any record makes a fresh one."""

from celery import signature
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from apps.core.pagecache import current_version
from apps.dossiers import render, selectors

TIMEOUT = 7 * 24 * 60 * 60
QUEUED_SECONDS = 10 * 60
AUDIENCES = ("public", "staff")
GENERATE_TASK = "apps.dossiers.tasks.generate_dossier"


def dossier_key(*, kind, code, language, audience, version=None):
    return f"dossier:{kind}:{code}:{language}:{audience}:v{version or current_version()}"


def dossier_cached(*, kind, code, language, audience):
    """The PDF bytes of the current data version, or None."""
    return cache.get(dossier_key(kind=kind, code=code, language=language, audience=audience))


def dossier_request(*, kind, code, language, audience):
    """Make sure a worker is making the dossier; returns True when this call queued it."""
    key = dossier_key(kind=kind, code=code, language=language, audience=audience)
    if not cache.add(f"{key}:queued", True, QUEUED_SECONDS):
        return False
    # By name: the task module calls this one (a signature, so eager mode still applies).
    task = signature(GENERATE_TASK, args=(kind, code, language, audience))
    transaction.on_commit(task.delay)
    return True


def dossier_generate(*, kind, code, language, audience):
    """Render the dossier PDF and keep it under the data version it was read at."""
    version = current_version()
    key = dossier_key(kind=kind, code=code, language=language, audience=audience, version=version)
    try:
        region = selectors.region_for(kind, code)
        with translation.override(language):
            data = selectors.dossier_data(region, staff=audience == "staff")
            pdf = render.dossier_pdf(data)
    finally:
        cache.delete(f"{key}:queued")
    cache.set(key, pdf, TIMEOUT)
    return len(pdf)
