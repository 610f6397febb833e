from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    """Subscriptions by e-mail and the weekly digest read from every record type's ``digest=``
    source. Composing: it names no record type."""

    name = "apps.subscriptions"
    verbose_name = _("Subscriptions")
    layer = "composing"

    def ready(self):
        from apps.subscriptions import tasks  # noqa: F401 — registers the tasks queued by name
