"""The outcomes app's section of a region's dossier (``apps.core.dossier``): the targets of
the agreements the agreements app's section listed, with their progress."""

from apps.core.dossier import DossierSection
from apps.outcomes.selectors import agreements_progress


def _targets(context):
    agreements = context.records.get("agreements", [])
    progress = agreements_progress(agreements, on=context.today, public=not context.staff)
    for agreement, row in zip(agreements, context.data.get("agreements", []), strict=True):
        row["targets"] = progress.get(agreement.pk, [])


TARGETS = DossierSection(30, _targets)
