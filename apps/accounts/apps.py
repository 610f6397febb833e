from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("Staff accounts and roles")
    layer = "composing"

    def ready(self):
        from django.db.models.signals import post_migrate

        from apps.accounts.roles import sync_roles_after_migrate
        from apps.accounts.scoping import staff_directory, staff_scope
        from apps.core.recipients import set_staff_directory
        from apps.core.scope import set_staff_scope_resolver

        set_staff_scope_resolver(staff_scope)
        set_staff_directory(staff_directory)

        post_migrate.connect(
            sync_roles_after_migrate, sender=self, dispatch_uid="accounts_sync_roles"
        )
