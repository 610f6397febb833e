from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "apps.search"
    verbose_name = _("Search")
    layer = "composing"

    def ready(self):
        from apps.search import signals

        signals.connect()

    def warm_up(self):
        """A serving process loads jieba's dictionary before it listens (apps.core.warmup), not
        in its first search."""
        from apps.search.segmentation import load_dictionary

        load_dictionary()
