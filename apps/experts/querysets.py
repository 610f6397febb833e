"""The experts app's rules: where an expert is based (a regional institute or office; on the
campus, in no region, headquarters keep the profile), what is published (only with recorded
consent), and that the e-mail address is never public. The channels it declares follow."""

from django.db.models import Q

from apps.core.querysets import RecordQuerySet
from apps.core.registry import RegionPath, registry


class ExpertQuerySet(RecordQuerySet):
    pass


registry.register(
    "experts.Expert",
    regions=(RegionPath("province", "city"),),
    # Consent first: without it no channel that reads the published rule shows the expert.
    published=Q(is_public=True) & Q(consent_given=True),
    # The address partners' messages are relayed to, and the date consent was recorded.
    private_fields=("email", "consent_on"),
    demo="apps.experts.demo.EXPERTS_STEP",
    export="apps.experts.api.exports.EXPERTS",
    api=("experts", "apps.experts.api.views.ExpertViewSet", "expert"),
    pages="apps.experts.pages.PAGES",
    search="apps.experts.search.EXPERTS",
    match="apps.experts.matching.SOURCE",
)
