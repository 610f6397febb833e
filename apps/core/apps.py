from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("Core")
    layer = "core"

    def ready(self):
        from apps.core import checks, pagecache  # noqa: F401 (checks register themselves)

        pagecache.connect()
