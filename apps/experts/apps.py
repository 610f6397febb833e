from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "apps.experts"
    verbose_name = _("Experts")
    # Experts link to achievements and projects, take the industries and the rate limit of
    # requests; regions only through those.
    layer = "domain"
    above = ("achievements", "projects", "requests", "regions")
