"""The challenges' statistics (``/api/v1/stats/challenges/``): published challenges counted by
stage, industry, budget range and region. Counts only: a challenge carries no money."""

from apps.challenges.choices import Stage
from apps.challenges.filters import ChallengeFilterSet
from apps.challenges.models import Challenge
from apps.core.stats import Stats, choice_dimension, count_measure, regional_dimensions
from apps.requests.choices import BudgetRange, Industry


def challenge_stats():
    return Stats(
        "challenges",
        "Challenge",
        order=95,
        queryset=Challenge.objects.all(),
        filterset_class=ChallengeFilterSet,
        dimensions={
            **regional_dimensions("published_on"),
            "stage": choice_dimension("stage", Stage),
            "industry": choice_dimension("industry", Industry),
            "budget_range": choice_dimension("budget_range", BudgetRange),
        },
        measures=[count_measure()],
        description="Challenges published by partners counted by group.",
    )
