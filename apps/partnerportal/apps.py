from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerPortalConfig(AppConfig):
    """A partner's own page: sign-in by e-mail link and every record type's ``partner=``
    section, read from the registry. Composing: it names no record type."""

    name = "apps.partnerportal"
    label = "partnerportal"
    verbose_name = _("Partner sign-in")
    layer = "composing"

    def ready(self):
        from apps.partnerportal import tasks  # noqa: F401 — registers the tasks queued by name
