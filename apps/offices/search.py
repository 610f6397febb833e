"""What a cooperation office contributes to the search index."""

from apps.core.search import Document, IndexedKind, region_names
from apps.offices.models import CooperationOffice


def office_document(office):
    context = region_names(office.province, office.city)
    for base in office.practice_bases.all():
        context += [base.name_zh, base.name_en]
    return Document(
        url_key=office.code,
        is_public=office.is_public,
        title_zh=office.name_zh,
        title_en=office.name_en,
        summary_zh=" ".join(region_names(office.province, office.city)[:1] + [office.address]),
        summary_en=office.address,
        body=[office.address],
        context=context,
        province_ids=[office.province_id],
        city_ids=[c for c in [office.city_id] if c],
    )


OFFICES = IndexedKind(
    "office",
    CooperationOffice,
    office_document,
    select_related=("province", "city"),
    prefetch_related=("practice_bases",),
    url_name="public:office_detail",
)
