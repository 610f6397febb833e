from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.figures.release import MANUAL, audit_releases, release_figures
from apps.figures.summary import current_build


class Command(BaseCommand):
    help = gettext_lazy(
        "Release the contract sums now (they otherwise change on the release calendar only)."
    )

    def handle(self, *args, **options):
        current_build(wait=True)
        release = release_figures(reason=MANUAL)
        self.stdout.write(
            _("release %(number)d: %(updated)d of %(cells)d sums new")
            % {"number": release.pk, "updated": release.updated, "cells": release.cells}
        )
        history = audit_releases()
        self.stdout.write(
            _("%(releases)d releases checked together: no contract amount can be derived")
            % {"releases": history.releases}
            if history.safe
            else _("%(count)d contract amounts can be derived: run audit_disclosure")
            % {"count": len(history.derivable)}
        )
