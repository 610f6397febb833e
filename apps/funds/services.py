"""Writes of the funds app: one function per record type, each the record's only write path
(the admin, the API and the spreadsheet import call it through the registry)."""

from apps.core.services import record_save


def fund_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update a cooperation fund as ``user`` (see ``apps.core.services.record_save``)."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)


def contribution_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update a party's contribution to a fund as ``user`` (see ``apps.core.services.record_save``)."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)


def grant_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update a fund's grant to a project as ``user`` (see ``apps.core.services.record_save``)."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)
