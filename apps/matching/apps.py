from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core.registry import registry


class MatchingConfig(AppConfig):
    name = "apps.matching"
    verbose_name = _("Matching")
    layer = "composing"

    def ready(self):
        from apps.matching import signals

        signals.connect()
        # A technology request's admin page offers the departments, achievements and experts
        # that match it, each with its reason.
        registry.hook(
            "requests.TechRequest", suggestions="apps.matching.suggestions.matching_suggestions"
        )
