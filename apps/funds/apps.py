from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "apps.funds"
    verbose_name = _("Cooperation funds")
    layer = "domain"
    # beside agreements and events, as before (it imports regions only)
    above = ("offices", "regions")
