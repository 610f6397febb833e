"""What experts offer to matching (``apps.core.matching``): each published expert as a
candidate, described by name, title, research fields, department and the titles of their
published achievements; never the e-mail address."""

from django.urls import reverse
from django.utils.translation import pgettext_lazy

from apps.core.matching import MatchCandidate, MatchSource
from apps.core.search import both_languages, choice_label
from apps.experts.models import Expert
from apps.experts.selectors import published_links


def expert_candidates(ids=None):
    """Every published expert (or those of ``ids``) as a ``MatchCandidate``."""
    experts = (
        Expert.objects.published()
        .select_related("department", "province", "city")
        .prefetch_related(*published_links())
        .order_by("pk")
    )
    if ids is not None:
        experts = experts.filter(pk__in=list(ids))
    for expert in experts:
        achievements = expert.public_achievements
        words = [
            expert.name_zh,
            expert.name_en,
            *both_languages(choice_label(Expert, "title", expert.title)),
            expert.fields_zh,
            expert.fields_en,
            expert.department.name_zh,
            expert.department.name_en,
            *[title for a in achievements for title in (a.title_zh, a.title_en)],
        ]
        yield MatchCandidate(
            object_id=expert.pk,
            code=expert.code,
            name_zh=expert.name_zh,
            name_en=expert.name_en,
            text="\n".join(word for word in words if word),
            industries=tuple(dict.fromkeys([expert.industry, *(a.industry for a in achievements)])),
            province_id=expert.province_id,
            city_id=expert.city_id,
            department_code=expert.department.code,
            url=reverse("public:expert_detail", args=[expert.code]),
            extra={"title": expert.title, "languages": expert.languages},
        )


SOURCE = MatchSource(
    key="experts",
    label=pgettext_lazy("matching", "Experts"),
    order=30,
    candidates=expert_candidates,
)
