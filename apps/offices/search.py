"""What a cooperation office contributes to the search index, and which offices serve a place."""

from django.db import models

from apps.core.search import Document, IndexedKind, names_of, region_names
from apps.offices.models import CooperationOffice


def office_document(office):
    context = region_names(office.province, office.city)
    for base in office.practice_bases.all():
        context += names_of(base)
    return Document(
        url_key=office.code,
        title_zh=office.name_zh,
        title_en=office.name_en,
        summary_zh=" ".join(region_names(office.province, office.city)[:1] + [office.address]),
        summary_en=office.address,
        body=[office.address],
        context=context,
        province_ids=[office.province_id],
        city_ids=[c for c in [office.city_id] if c],
    )


def offices_near(province_id, city_id, limit):
    """The open offices of a province, the city's own first, the oldest first: those serving
    a partner there."""
    return (
        CooperationOffice.objects.filter(province_id=province_id, closed_on__isnull=True)
        .select_related("city")
        .order_by(models.Case(models.When(city_id=city_id, then=0), default=1), "opened_on")[:limit]
    )


OFFICES = IndexedKind(
    "office",
    CooperationOffice,
    office_document,
    select_related=("province", "city"),
    prefetch_related=("practice_bases",),
    url_name="public:office_detail",
    parts=(("offices.PracticeBase", "office_id"),),
    near=offices_near,
)
