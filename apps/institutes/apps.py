from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutesConfig(AppConfig):
    name = "apps.institutes"
    verbose_name = _("Joint institutes")
    layer = "domain"
    # beside agreements and events, as before (it imports regions only)
    above = ("offices", "regions")
