from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "apps.impact"
    verbose_name = _("Impact")
    # Impact records name a project, institute, office or agreement, and their evidence is
    # checked as partners' attachments are (apps.requests.attachments).
    layer = "domain"
    above = ("requests", "institutes")
