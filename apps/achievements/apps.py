from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AchievementsConfig(AppConfig):
    name = "apps.achievements"
    verbose_name = _("Achievements")
