from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    verbose_name = _("Exchange events")
    layer = "domain"
    above = ("offices", "regions")
