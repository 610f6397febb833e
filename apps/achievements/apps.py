from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "apps.achievements"
    verbose_name = _("Achievements")
    # The layers as main declares them on each AppConfig (scripts/lint-layers); on this
    # branch pyproject.toml still places the app. It imports regions, core and the
    # industries of requests.
    layer = "domain"
    above = ("requests", "regions")
