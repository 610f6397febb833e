"""Keep the search index current: a change to a record refreshes its entry once committed.

Which changes refresh which entries is each kind's declaration (``IndexedKind`` in the domain
app's ``search.py``, found through the registry's ``search`` hooks): its own records, the rows
that are parts of one (a project's sites), the records its entries name (a project's partners,
edited) and its many-to-many links. No model is named here.
"""

import threading
from collections import defaultdict

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from apps.search.documents import KINDS
from apps.search.services import index_records

_pending = threading.local()


def schedule(kind, ids):
    """Refresh these entries after the transaction commits (at once outside a transaction).

    Every change of a transaction lands in one set, so saving a project with ten sites
    re-indexes it once: whichever callback runs first indexes everything pending, the others
    find nothing left to do.
    """
    pending = getattr(_pending, "records", None)
    if pending is None:
        pending = _pending.records = defaultdict(set)
    pending[kind].update(pk for pk in ids if pk is not None)
    transaction.on_commit(flush)


def flush():
    pending = getattr(_pending, "records", None)
    _pending.records = None
    for kind, ids in (pending or {}).items():
        if ids:
            index_records(kind, ids)


def _receiver(refreshes):
    """One receiver for a model: ``refreshes`` holds (kind, attribute) pairs, refreshing the
    entry the attribute names on every save and deletion, and (kind, spec, lookup) triples,
    refreshing the entries naming the record when it is edited (not when created: nothing
    names it yet; a deletion unlinks it through the relations' own changes)."""

    def changed(instance, **kwargs):
        edited = kwargs.get("signal") is post_save and not kwargs.get("created")
        for refresh in refreshes:
            if len(refresh) == 2:
                kind, attribute = refresh
                schedule(kind, [getattr(instance, attribute)])
            elif edited:
                kind, spec, lookup = refresh
                schedule(kind, spec.naming(lookup, instance))

    return changed


def _m2m_receiver(kind, spec, field_name):
    def changed(instance, action, reverse, pk_set, **kwargs):
        if not action.startswith("post_"):
            return
        if reverse:
            schedule(kind, pk_set or spec.naming(field_name, instance))
        else:
            schedule(kind, [instance.pk])

    return changed


def receivers():
    """{model: [refreshes]} of every indexed kind, in the order of the kinds."""
    refreshes = defaultdict(list)
    for kind, spec in KINDS.items():
        refreshes[spec.model].append((kind, "pk"))
        for label, attribute in spec.parts:
            refreshes[apps.get_model(label)].append((kind, attribute))
        for label, lookup in spec.named:
            refreshes[apps.get_model(label)].append((kind, spec, lookup))
    return refreshes


def connect():
    for model, refreshes in receivers().items():
        receiver = _receiver(refreshes)
        uid = f"search-index-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
    for kind, spec in KINDS.items():
        for field_name in spec.m2m:
            field = spec.model._meta.get_field(field_name)
            m2m_changed.connect(
                _m2m_receiver(kind, spec, field_name),
                sender=field.remote_field.through,
                dispatch_uid=f"search-index-{spec.model._meta.label_lower}-{field_name}",
                weak=False,
            )
