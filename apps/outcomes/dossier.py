"""The outcomes app's section of a region's dossier (``apps.core.dossier``): the targets of
the agreements the agreements app's section listed, with their progress and results chain."""

from apps.core.dossier import DossierSection
from apps.outcomes.results import agreement_chains
from apps.outcomes.selectors import agreements_progress


def _targets(context):
    agreements = context.records.get("agreements", [])
    public = not context.staff
    progress = agreements_progress(agreements, on=context.today, public=public)
    chains = agreement_chains(agreements, public=public, on=context.today, progress=progress)
    for agreement, row in zip(agreements, context.data.get("agreements", []), strict=True):
        row["targets"] = progress.get(agreement.pk, [])
        row["chain"] = chains[agreement.pk]


TARGETS = DossierSection(30, _targets)
