"""Thin Celery task: build an anonymous download's file for a data version (apps.core.prebuilt)."""

from celery import shared_task
from django.core.cache import cache

from apps.core import prebuilt
from apps.core.rest import exports  # noqa: F401 — registers the API lists' builder


@shared_task(ignore_result=True)
def build_download(kind, args, fmt, version):
    try:
        prebuilt.build(kind, args, fmt, version)
    finally:
        cache.delete(prebuilt._lock_key(kind, args, fmt, version))
