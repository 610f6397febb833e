from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficesConfig(AppConfig):
    name = "apps.offices"
    verbose_name = _("Cooperation offices")
    layer = "domain"
    above = ("regions",)
