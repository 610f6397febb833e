"""What an expert contributes to the search index: name, title, research fields, profile,
industry, languages, department and the titles of the published achievements and projects.
Never the e-mail address; whether the entry is public is the registry's rule (consent)."""

from django.utils.translation import pgettext_lazy

from apps.core.search import (
    Document,
    IndexedKind,
    both_languages,
    choice_label,
    names_of,
    region_names,
)
from apps.experts.choices import Language
from apps.experts.models import Expert
from apps.experts.selectors import published_links


def expert_document(expert):
    languages = dict(Language.choices)
    context = [
        *region_names(expert.province, expert.city),
        *both_languages(choice_label(Expert, "title", expert.title)),
        *both_languages(choice_label(Expert, "industry", expert.industry)),
        *names_of(expert.department),
        *[text for code in expert.languages for text in both_languages(languages[code])],
    ]
    for record in [*expert.public_achievements, *expert.public_projects]:
        context += [record.title_zh, record.title_en]
    return Document(
        url_key=expert.code,
        title_zh=expert.name_zh,
        title_en=expert.name_en,
        summary_zh=expert.fields_zh,
        summary_en=expert.fields_en,
        body=[expert.fields_zh, expert.fields_en, expert.profile_zh, expert.profile_en],
        context=context,
        province_ids=[p for p in [expert.province_id] if p],
        city_ids=[c for c in [expert.city_id] if c],
    )


EXPERTS = IndexedKind(
    "expert",
    Expert,
    expert_document,
    select_related=("department", "province", "city"),
    prefetch_related=published_links(),
    url_name="public:expert_detail",
    named=(
        ("core.Department", "department"),
        ("achievements.Achievement", "achievements"),
        ("projects.CooperationProject", "projects"),
    ),
    m2m=("achievements", "projects"),
    label=pgettext_lazy("search", "Expert"),
)
