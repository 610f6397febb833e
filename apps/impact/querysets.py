"""The impact app's rules: where an impact record lies, what is published (verified public
records only), and the channels it declares."""

from django.db.models import Q

from apps.core.querysets import RecordQuerySet
from apps.core.registry import NEVER, RegionPath, registry
from apps.impact.choices import Verification


class ImpactRecordQuerySet(RecordQuerySet):
    pass


class EvidenceQuerySet(RecordQuerySet):
    pass


registry.register(
    "impact.ImpactRecord",
    regions=(RegionPath("province", "city"),),
    # Only figures someone checked against their evidence reach the public.
    published=Q(is_public=True, status=Verification.VERIFIED),
    private_fields=("source_note", "verified_by"),
    export="apps.impact.api.exports.IMPACT_RECORDS",
    api=("impact", "apps.impact.api.views.ImpactRecordViewSet", "impactrecord"),
    outcomes="apps.impact.outcomes.IMPACT",
    results="apps.impact.results.IMPACT",
    pages="apps.impact.pages.PAGES",
    demo="apps.impact.demo.IMPACT_STEP",
    compared="apps.impact.compared.COMPARED",
)
registry.register(
    "impact.Evidence",
    regions=(RegionPath("record__province", "record__city"),),
    # Evidence files are for staff: never public, whatever their record.
    published=NEVER,
)
