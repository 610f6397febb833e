"""What a challenge contributes to the search index: its anonymised title and problem, its
industry, stage and place. Nothing of the request it came from (the partner) is indexed."""

from django.utils.translation import pgettext_lazy

from apps.challenges.models import Challenge
from apps.core.search import IndexedKind, both_languages, choice_label, placed_document


def challenge_document(challenge):
    return placed_document(
        challenge,
        title="title",
        text="problem",
        context=[
            *both_languages(choice_label(Challenge, "industry", challenge.industry)),
            *both_languages(choice_label(Challenge, "stage", challenge.stage)),
        ],
    )


CHALLENGES = IndexedKind(
    "challenge",
    Challenge,
    challenge_document,
    select_related=("province", "city"),
    url_name="public:challenge_detail",
    label=pgettext_lazy("search", "Challenge"),
)
