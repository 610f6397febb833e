"""Writes of the projects app: one function per record type, each the record's only write path
(the admin, the API and the spreadsheet import call it through the registry)."""

from apps.core.services import record_save


def project_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update a cooperation project as ``user`` (see ``apps.core.services.record_save``)."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)


def site_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update a project's site (where it was applied) as ``user`` (see ``apps.core.services.record_save``)."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)
