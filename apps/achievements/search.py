"""What an achievement contributes to the search index: its title, summary, field, experts,
industry, readiness, licensing modes, department, patents and the place where applied."""

from django.utils.translation import pgettext_lazy

from apps.achievements.models import Achievement, LicensingMode
from apps.core.search import (
    IndexedKind,
    both_languages,
    choice_label,
    names_of,
    placed_document,
)


def achievement_document(achievement):
    labels = dict(LicensingMode.choices)
    context = [
        *both_languages(choice_label(Achievement, "industry", achievement.industry)),
        *both_languages(choice_label(Achievement, "maturity", achievement.maturity)),
        *names_of(achievement.department),
        achievement.experts_zh,
        achievement.experts_en,
        *[text for mode in achievement.modes for text in both_languages(labels[mode])],
        *[patent.number for patent in achievement.patents.all()],
    ]
    return placed_document(
        achievement,
        title="title",
        text="summary",
        body=[
            achievement.summary_zh,
            achievement.summary_en,
            achievement.field_zh,
            achievement.field_en,
        ],
        context=context,
    )


ACHIEVEMENTS = IndexedKind(
    "achievement",
    Achievement,
    achievement_document,
    select_related=("department", "province", "city"),
    prefetch_related=("patents",),
    url_name="public:achievement_detail",
    parts=(("achievements.Patent", "achievement_id"),),
    named=(("core.Department", "department"),),
    label=pgettext_lazy("search", "Achievement"),
)
