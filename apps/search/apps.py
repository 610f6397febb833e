from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core.registry import registry


class SearchConfig(AppConfig):
    name = "apps.search"
    verbose_name = _("Search")
    layer = "composing"

    def ready(self):
        from apps.search import signals

        signals.connect()
        # A technology request's admin page offers matching departments, offices and projects.
        registry.hook(
            "requests.TechRequest", suggestions="apps.search.suggestions.matching_suggestions"
        )

    def warm_up(self):
        """A serving process loads jieba's dictionary before it listens (apps.core.warmup), not
        in its first search."""
        import jieba

        jieba.initialize()
