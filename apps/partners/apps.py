from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "apps.partners"
    verbose_name = _("Partners")
    layer = "domain"
    above = ("agreements", "regions")
