from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.figures.audit import audit
from apps.figures.release import audit_releases
from apps.figures.summary import current_build


class Command(BaseCommand):
    help = gettext_lazy(
        "Prove that no contract's amount can be worked out from the published contract sums "
        "(run it before a data release)."
    )

    def handle(self, *args, **options):
        current_build(wait=True)
        result = audit()
        self.stdout.write(_("published cells: %(cells)d") % {"cells": result.cells})
        self.stdout.write(_("published contracts: %(count)d") % {"count": result.contracts})
        self.stdout.write(
            _("distinct cell patterns checked: %(classes)d") % {"classes": result.classes}
        )
        history = audit_releases()
        self.stdout.write(
            _(
                "releases checked together: %(releases)d (%(sums)d released sums, %(versions)d contract versions)"
            )
            % {"releases": history.releases, "sums": history.sums, "versions": history.versions}
        )
        self.stdout.write(
            _("of which received sums (到账, by region and year): %(received)d")
            % {"received": history.received_sums}
        )
        derivable = [*result.derivable, *(number for number, _version in history.derivable)]
        if not derivable:
            self.stdout.write(_("no contract amount can be derived"))
            return
        for number in sorted(set(derivable)):
            self.stdout.write(_("amount derivable: contract %(number)s") % {"number": number})
        raise CommandError(
            _("%(count)d contract amounts can be derived from the published sums.")
            % {"count": len(set(derivable))}
        )
