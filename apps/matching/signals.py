"""Keep the matching index current: saving or deleting a record of a declared source refreshes
its entry once the transaction commits. The models come from the registry (the record types
that declare ``match=``); none is named here."""

import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from apps.matching.index import refresh
from apps.matching.sources import declared

_pending = threading.local()


def schedule(key, ids):
    """Refresh these entries after the transaction commits (at once outside a transaction);
    every change of a transaction lands in one set, refreshed once."""
    pending = getattr(_pending, "records", None)
    if pending is None:
        pending = _pending.records = defaultdict(set)
    pending[key].update(pk for pk in ids if pk is not None)
    transaction.on_commit(flush)


def flush():
    pending = getattr(_pending, "records", None)
    _pending.records = None
    for key, ids in (pending or {}).items():
        if ids:
            refresh(key, ids)


def _receiver(key):
    def changed(instance, **kwargs):
        schedule(key, [instance.pk])

    return changed


def connect():
    for key, (record_type, _source) in declared().items():
        receiver = _receiver(key)
        uid = f"matching-index-{key}"
        post_save.connect(
            receiver, sender=record_type.model, dispatch_uid=f"{uid}-save", weak=False
        )
        post_delete.connect(
            receiver, sender=record_type.model, dispatch_uid=f"{uid}-delete", weak=False
        )
