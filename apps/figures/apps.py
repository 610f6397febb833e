from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "apps.figures"
    verbose_name = _("Figures")
    layer = "composing"

    def ready(self):
        from apps.core import pagecache
        from apps.figures import changes, selectors

        post_migrate.connect(changes.install_triggers, dispatch_uid="figures-install-triggers")
        pagecache.set_as_of_reader(selectors.data_as_of)
