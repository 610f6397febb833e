"""What a partner organization contributes to the search index."""

from apps.core.search import Document, IndexedKind, both_languages, choice_label, region_names
from apps.partners.models import Organization


def organization_document(organization):
    context = region_names(organization.province, organization.city) + both_languages(
        choice_label(Organization, "kind", organization.kind)
    )
    return Document(
        url_key=str(organization.pk),
        title_zh=organization.name_zh,
        title_en=organization.name_en,
        summary_zh=organization.industry,
        summary_en=organization.industry,
        body=[organization.industry],
        context=context,
        province_ids=[p for p in [organization.province_id] if p],
        city_ids=[c for c in [organization.city_id] if c],
    )


ORGANIZATIONS = IndexedKind(
    "organization",
    Organization,
    organization_document,
    select_related=("province", "city"),
    url_name="public:organization_detail",
)
