"""A new record serves, unless staff say otherwise, the agreement of its region in force on its
date (``services.record_link_default_agreement``). Signals catch every write path: the admin,
the API, imports and the shell; bulk loads are linked by ``manage.py link_agreements``.

Which records are linked is their apps' declaration (``apps.core.outcomes.Placement``): a
record placed by itself is linked as it is created, one placed by its related rows (a project
by its sites) once the first of them is."""

from django.db.models.signals import post_save, pre_save

from apps.outcomes import services


def _default_on_create(sender, instance, raw=False, **kwargs):
    if raw or not instance._state.adding or instance.agreement_id is not None:
        return
    services.record_link_default_agreement(record=instance, save=False)


def _default_once_placed(parent_field):
    def placed(sender, instance, raw=False, created=False, **kwargs):
        # The record's place is known only once it has a row placing it.
        if raw or not created or getattr(instance, parent_field).agreement_id is not None:
            return
        services.record_link_default_agreement(record=getattr(instance, parent_field))

    return placed


def connect():
    for model, placement in services.linked_placements().items():
        if placement.via:
            related, parent_field = services.placed_via(model, placement)
            post_save.connect(
                _default_once_placed(parent_field),
                sender=related,
                dispatch_uid=f"outcomes-default-agreement-{related._meta.label_lower}",
                weak=False,
            )
        else:
            pre_save.connect(
                _default_on_create,
                sender=model,
                dispatch_uid=f"outcomes-default-agreement-{model._meta.label_lower}",
            )
