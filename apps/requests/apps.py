from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "apps.requests"
    verbose_name = _("Technology requests")
    layer = "domain"
    above = ("agreements", "offices", "projects", "regions")

    def ready(self):
        from apps.requests import tasks  # noqa: F401 — registers the tasks queued by name
