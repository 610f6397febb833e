"""Writes of the institutes app: one function per record type, each the record's only write path
(the admin, the API and the spreadsheet import call it through the registry)."""

from apps.core.services import record_save


def institute_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update a joint research institute as ``user`` (see ``apps.core.services.record_save``)."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)


def branch_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update an institute's branch as ``user`` (see ``apps.core.services.record_save``)."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)
