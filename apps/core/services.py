"""The one write path every record type's service builds on.

``record_save(user=…, instance=…)`` is what ``<entity>_save`` in each domain app's
``services.py`` calls; the admin, the API and the import call those (through
``registry.get(model).save(user=…, instance=…)``).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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


def department_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update a department, school or unit of the university."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)


def milestone_save(*, user, instance, m2m=None, related_pending=False):
    """Create or update a milestone of the department's history."""
    return record_save(user=user, instance=instance, m2m=m2m, related_pending=related_pending)
