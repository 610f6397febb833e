"""The one write path of every record type.

``record_save(user=…, instance=…)`` and ``record_delete(user=…, instance=…)`` are what the
admin, the API and the import call, through the registry
(``registry.get(model).save(user=…, instance=…)``, ``….delete(user=…, instance=…)``); a record
type whose writes need more declares its own service (``save=``, ``delete=``) that builds on
them.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction

from apps.core.scope import (
    NOT_IN_REGION,
    OUT_OF_REGION,
    object_in_scope,
    related_out_of_scope,
    scope_errors,
)


@transaction.atomic
def record_save(*, user, instance, m2m=None, on_commit=(), related_pending=False):
    """Validate and save ``instance`` as ``user``, in one transaction.

    * the region check: the record must lie in the user's region, and so must every record
      its foreign keys and many-to-many fields point to (``NOT_IN_REGION`` on that field, as
      for a record that does not exist);
    * ``full_clean()`` (fields, ``clean()``, unique and check constraints), without the
      fields refused by the region check: nothing is compared with records the user may not
      see (a payment's instalment number with those of another region's contract);
    * ``m2m``: many-to-many values to set, ``{field name: objects}``, checked the same way;
    * history: the change is recorded with ``user`` as its author (django-simple-history);
    * ``on_commit``: callables run once the transaction commits (never if it rolls back);
    * ``related_pending``: the caller saves rows the record's region depends on next (the
      admin's inlines) and checks ``object_in_scope`` itself once they are saved.

    Raises ``django.core.exceptions.ValidationError`` and writes nothing when refused.
    """
    errors = scope_errors(user, instance)
    try:
        instance.full_clean(exclude=[name for name in errors if name != NON_FIELD_ERRORS])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    if getattr(user, "pk", None):
        instance._history_user = user
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    # Regions known only once related rows are saved (a project's sites) and chosen
    # many-to-many rows are checked after the write; the transaction rolls it all back.
    outside = related_out_of_scope(user, instance) if m2m else []
    if outside:
        raise ValidationError({name: [NOT_IN_REGION] for name in outside})
    if not related_pending and not object_in_scope(user, instance):
        raise ValidationError(OUT_OF_REGION)
    for callback in on_commit:
        transaction.on_commit(callback)
    return instance


@transaction.atomic
def record_delete(*, user, instance, on_commit=()):
    """Delete ``instance`` as ``user``, in one transaction.

    * the permission: ``user`` must hold the model's delete permission (an auditor, who may
      view everything, deletes nothing);
    * the region check: the record must be one the user may reach as it is now (office
      staff: their own province or city); refused as a record that does not exist would be
      (``NOT_IN_REGION``), so the refusal tells nothing of another region;
    * history: the deletion is recorded with ``user`` as its author (django-simple-history
      keeps the last version of the record and of every row deleted with it);
    * ``on_commit``: callables run once the transaction commits.

    Raises ``django.core.exceptions.PermissionDenied`` and deletes nothing when refused;
    ``ProtectedError`` or ``RestrictedError`` when other records still refer to it.
    """
    opts = instance._meta
    if user is None or not user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
        raise PermissionDenied
    if not object_in_scope(user, instance):
        raise PermissionDenied(NOT_IN_REGION)
    instance._history_user = user
    instance.delete()
    for callback in on_commit:
        transaction.on_commit(callback)
