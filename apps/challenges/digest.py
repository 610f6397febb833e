"""The challenges' part of the subscribers' digest (``apps.core.digest``): open challenges
published since a moment, as the public sees them."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import pgettext_lazy

from apps.challenges.models import Challenge
from apps.core.digest import DigestItem, DigestSource


def items(since):
    """Open published challenges published on or after ``since``'s day. One query."""
    day = timezone.localtime(since).date() if timezone.is_aware(since) else since.date()
    challenges = (
        Challenge.objects.public()
        .open()
        .filter(published_on__gte=day)
        .order_by("-published_on", "code")
    )
    return [
        DigestItem(
            title=challenge.title,
            url=reverse("public:challenge_detail", args=[challenge.code]),
            on=challenge.published_on,
            summary=Truncator(challenge.problem).chars(160),
            text=" ".join(
                [challenge.title_zh, challenge.title_en, challenge.problem_zh, challenge.problem_en]
            ),
            industries=(challenge.industry,),
            province_id=challenge.province_id,
            city_id=challenge.city_id,
        )
        for challenge in challenges
    ]


SOURCE = DigestSource(
    key="challenges",
    title=pgettext_lazy("digest", "New challenges from partners"),
    order=30,
    items=items,
)
