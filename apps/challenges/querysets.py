"""The challenges app's rules: where a challenge lies, what is published (the anonymised
problem, never the partner), and the channels it declares."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from apps.core.querysets import RecordQuerySet
from apps.core.registry import NEVER, RegionPath, registry


class ChallengeQuerySet(RecordQuerySet):
    def open(self):
        from apps.challenges.choices import OPEN_STAGES

        return self.filter(stage__in=sorted(OPEN_STAGES))


class ProposalQuerySet(RecordQuerySet):
    pass


# What identifies the partner, or is the staff's business, never reaches the public: the
# request it came from (the partner's name and contact), the consent record, the following
# office, the contract (its amount is confidential) and the stage's bookkeeping.
CHALLENGE_PRIVATE_FIELDS = (
    "request",
    "consent_on",
    "consent_method",
    "consent_note",
    "office",
    "contract",
    "stage_changed_at",
)

registry.register(
    "challenges.Challenge",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True),
    private_fields=CHALLENGE_PRIVATE_FIELDS,
    # Every write (admin, API, import) tells the partner of a stage change.
    save="apps.challenges.services.challenge_save",
    export="apps.challenges.api.exports.CHALLENGES",
    api=("challenges", "apps.challenges.api.views.ChallengeViewSet", "challenge"),
    pages="apps.challenges.pages.PAGES",
    search="apps.challenges.search.CHALLENGES",
    stats="apps.challenges.stats.challenge_stats",
    partner="apps.challenges.partner.SECTION",
    digest="apps.challenges.digest.SOURCE",
    demo="apps.challenges.demo.CHALLENGES_STEP",
    open_data=dict(
        key="challenges",
        order=80,
        title=pgettext_lazy("open data", "Challenges published by partners"),
        description=pgettext_lazy(
            "open data",
            "Partners' technology problems published with their consent, anonymised: title, "
            "problem, industry, region, budget range, deadline and stage. Nothing identifies "
            "the partner.",
        ),
    ),
)
# Proposals are the staff's and the partner's alone; they lie where their challenge lies.
registry.register(
    "challenges.Proposal",
    regions=(RegionPath("challenge__province", "challenge__city"),),
    published=NEVER,
    # Staff read and keep them in the admin (and export them there); no API route: the API's
    # generated tests know staff-only routes by name (apps/api/tests/test_query_counts.py).
    export="apps.challenges.api.exports.PROPOSALS",
)
