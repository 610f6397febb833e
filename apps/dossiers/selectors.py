"""What a briefing dossier on a province or city holds.

The public dossier reads the public site's own selectors (published records, the disclosure
rules of contract values), so it says exactly what the region's page says. The staff dossier
adds the confidential figures, each marked as such. A fixed number of queries either way.
Beyond the region's page, each record type's app gives its own section (its ``dossier``
declaration: ``apps.core.dossier``), run in their order.
"""

from django.utils import timezone

from apps.core.dossier import DossierContext
from apps.core.pagecache import data_changed_at
from apps.core.registry import registry
from apps.dossiers.charts import trend_svg
from apps.dossiers.maps import region_map_svg
from apps.dossiers.summary import summary_text
from apps.public import selectors as public
from apps.public.comparisons import region_comparison
from apps.regions.models import City, CityLevel, Province


def region_for(kind, code):
    """The province or city a dossier is about, or DoesNotExist."""
    if kind == "province":
        return Province.objects.get(code=code)
    return City.objects.select_related("province", "parent").get(code=code)


def _place_point(region):
    if region.longitude is None:
        return None
    return (region.longitude, region.latitude)


def _overview(region):
    if isinstance(region, Province):
        return public.province_overview(region)
    return public.city_overview(region)


def _city_names(city):
    return [city.name_zh.removesuffix("市"), city.name_en]


def _milestone_names(region):
    """The names a milestone about the region would use: a province's rolls up its
    prefecture-level cities' (a milestone in Suzhou is one of Jiangsu's)."""
    if isinstance(region, Province):
        names = [region.short_name_zh, region.name_en]
        for city in City.objects.filter(province=region, level=CityLevel.PREFECTURE).only(
            "name_zh", "name_en"
        ):
            names.extend(_city_names(city))
        return names
    return _city_names(region)


def _comparison(region, overview):
    """The region against last year and its peers, as its page says it."""
    if isinstance(region, Province):
        return region_comparison(region, overview, provinces=public.province_contracts())
    return region_comparison(region, overview, places=public.place_contracts(region.province))


def dossier_sections():
    """Every record type's section of the dossier (its app's ``dossier`` declaration), in
    their order."""
    sections = [
        record_type.hook("dossier")
        for record_type in registry.all()
        if record_type.hook("dossier") is not None
    ]
    return sorted(sections, key=lambda section: section.order)


def dossier_data(region, *, staff=False, today=None):
    """Plain data for the dossier template (no lazy objects: it is rendered by a worker)."""
    today = today or timezone.localdate()
    province = region if isinstance(region, Province) else region.province
    kind = "province" if isinstance(region, Province) else "city"
    overview = _overview(region)
    context = DossierContext(
        region=region, kind=kind, names=_milestone_names(region), staff=staff, today=today
    )
    for section in dossier_sections():
        section.collect(context)
    data = {
        "region": {
            "kind": kind,
            "code": region.code,
            "name": region.name,
            "name_zh": region.name_zh,
            "name_en": region.name_en,
            "province": province.name,
        },
        "staff": staff,
        "as_of": data_changed_at(),
        "today": today,
        "map_svg": region_map_svg(
            province_code=province.code,
            label=region.name,
            point=None if isinstance(region, Province) else _place_point(region),
        ),
        "overview": overview,
        "comparison": _comparison(region, overview),
        **context.data,
    }
    data["trend_svg"] = trend_svg(overview["years"])
    data["summary"] = summary_text(data)
    return data
