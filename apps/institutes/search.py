"""What a joint institute contributes to the search index."""

from apps.core.search import (
    IndexedKind,
    both_languages,
    choice_label,
    names_of,
    placed_document,
    region_names,
)
from apps.institutes.models import JointInstitute


def institute_document(institute):
    context = both_languages(choice_label(JointInstitute, "kind", institute.kind))
    for branch in institute.branches.all():
        context += [*names_of(branch), *region_names(city=branch.city)]
    return placed_document(institute, text="focus", context=context + names_of(institute.partner))


INSTITUTES = IndexedKind(
    "institute",
    JointInstitute,
    institute_document,
    select_related=("province", "city", "partner"),
    prefetch_related=("branches__city",),
    url_name="public:institute_detail",
    parts=(("institutes.Branch", "institute_id"),),
    named=(("partners.Organization", "partner"),),
)
