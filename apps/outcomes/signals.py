"""A new record serves, unless staff say otherwise, the agreement of its region in force on its
date (``services.record_link_default_agreement``). Signals catch every write path: the admin,
the API, imports and the shell; bulk loads are linked by ``manage.py link_agreements``."""

from django.db.models.signals import post_save, pre_save

from apps.outcomes import services
from apps.projects.models import ProjectSite


def _default_on_create(sender, instance, raw=False, **kwargs):
    if raw or not instance._state.adding or instance.agreement_id is not None:
        return
    services.record_link_default_agreement(record=instance, save=False)


def _project_default_once_placed(sender, instance, raw=False, created=False, **kwargs):
    # A project's place is known only once it has a site.
    if raw or not created or instance.project.agreement_id is not None:
        return
    services.record_link_default_agreement(record=instance.project)


def connect():
    for model in services.LINKED_MODELS:
        pre_save.connect(
            _default_on_create,
            sender=model,
            dispatch_uid=f"outcomes-default-agreement-{model._meta.label_lower}",
        )
    post_save.connect(
        _project_default_once_placed,
        sender=ProjectSite,
        dispatch_uid="outcomes-default-agreement-project-site",
    )
