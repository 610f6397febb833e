from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "apps.dossiers"
    verbose_name = _("Briefing dossiers")
    layer = "composing"
