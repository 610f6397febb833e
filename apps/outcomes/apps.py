from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "apps.outcomes"
    verbose_name = _("Agreement outcomes")
    layer = "composing"

    def ready(self):
        from apps.outcomes import signals

        signals.connect()
