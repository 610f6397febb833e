"""What a joint institute contributes to the search index."""

from apps.core.search import Document, IndexedKind, both_languages, choice_label, region_names
from apps.institutes.models import JointInstitute


def institute_document(institute):
    context = region_names(institute.province, institute.city)
    context += both_languages(choice_label(JointInstitute, "kind", institute.kind))
    for branch in institute.branches.all():
        context += [branch.name_zh, branch.name_en, *region_names(city=branch.city)]
    if institute.partner:
        context += [institute.partner.name_zh, institute.partner.name_en]
    return Document(
        url_key=institute.code,
        is_public=institute.is_public,
        title_zh=institute.name_zh,
        title_en=institute.name_en,
        summary_zh=institute.focus_zh,
        summary_en=institute.focus_en,
        body=[institute.focus_zh, institute.focus_en],
        context=context,
        province_ids=[institute.province_id],
        city_ids=[c for c in [institute.city_id] if c],
    )


INSTITUTES = IndexedKind(
    "institute",
    JointInstitute,
    institute_document,
    select_related=("province", "city", "partner"),
    prefetch_related=("branches__city",),
    url_name="public:institute_detail",
)
