"""Thin Celery task: make a dossier (idempotent: the same key gets the same content)."""

from celery import shared_task

from apps.dossiers import services


@shared_task(ignore_result=True, max_retries=1, default_retry_delay=10)
def generate_dossier(kind, code, language, audience):
    return services.dossier_generate(kind=kind, code=code, language=language, audience=audience)
