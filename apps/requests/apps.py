from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "apps.requests"
    verbose_name = _("Technology requests")
