"""Keep the search index current: a change to a record refreshes its entry once committed."""

import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from apps.core.models import Department
from apps.events.models import ExchangeEvent
from apps.funds.models import CooperationFund
from apps.institutes.models import Branch, JointInstitute
from apps.offices.models import CooperationOffice, PracticeBase
from apps.partners.models import Organization
from apps.projects.models import CooperationProject, ProjectSite
from apps.search.models import SearchKind
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


def _project_changed(instance, **kwargs):
    schedule(SearchKind.PROJECT, [instance.pk])
    schedule(SearchKind.DEPARTMENT, [instance.department_id])


def _project_partners_changed(instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:
        schedule(SearchKind.PROJECT, pk_set or instance.projects.values_list("pk", flat=True))
    else:
        schedule(SearchKind.PROJECT, [instance.pk])


def _organization_changed(instance, **kwargs):
    schedule(SearchKind.ORGANIZATION, [instance.pk])
    if kwargs.get("signal") is post_save and not kwargs.get("created"):
        schedule(SearchKind.PROJECT, instance.projects.values_list("pk", flat=True))
        schedule(SearchKind.INSTITUTE, instance.institutes.values_list("pk", flat=True))
        schedule(SearchKind.FUND, instance.funds.values_list("pk", flat=True))


def _department_changed(instance, **kwargs):
    schedule(SearchKind.DEPARTMENT, [instance.pk])
    if kwargs.get("signal") is post_save and not kwargs.get("created"):
        schedule(SearchKind.PROJECT, instance.projects.values_list("pk", flat=True))
        schedule(SearchKind.EVENT, instance.events.values_list("pk", flat=True))


def _simple(kind, attribute="pk"):
    def changed(instance, **kwargs):
        schedule(kind, [getattr(instance, attribute)])

    return changed


RECEIVERS = [
    (CooperationProject, _project_changed),
    (ProjectSite, _simple(SearchKind.PROJECT, "project_id")),
    (JointInstitute, _simple(SearchKind.INSTITUTE)),
    (Branch, _simple(SearchKind.INSTITUTE, "institute_id")),
    (CooperationFund, _simple(SearchKind.FUND)),
    (CooperationOffice, _simple(SearchKind.OFFICE)),
    (PracticeBase, _simple(SearchKind.OFFICE, "office_id")),
    (ExchangeEvent, _simple(SearchKind.EVENT)),
    (Organization, _organization_changed),
    (Department, _department_changed),
]


def connect():
    for model, receiver in RECEIVERS:
        uid = f"search-index-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
    m2m_changed.connect(
        _project_partners_changed,
        sender=CooperationProject.partners.through,
        dispatch_uid="search-index-project-partners",
        weak=False,
    )
