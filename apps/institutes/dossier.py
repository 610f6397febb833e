"""The institutes app's section of a region's dossier (``apps.core.dossier``): the branches
of joint institutes in the region (the institutes themselves are on the region's page)."""

from apps.core.dossier import DossierSection
from apps.institutes.models import Branch


def _branches(context):
    branches = context.records_of(Branch.objects.all()).select_related("institute", "city")
    context.data["branches"] = [
        {
            "name": b.name,
            "institute": b.institute.name,
            "city": str(b.city),
            "established_on": b.established_on,
        }
        for b in branches.order_by("name_zh")
    ]


BRANCHES = DossierSection(40, _branches)
