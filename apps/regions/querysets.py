"""The regions app's rules: office staff reach their own province, or their city with its
districts; everyone may read the geography."""

from apps.core.querysets import RecordQuerySet
from apps.core.registry import RegionPath, registry


class ProvinceQuerySet(RecordQuerySet):
    pass


class CityQuerySet(RecordQuerySet):
    pass


class ZoneQuerySet(RecordQuerySet):
    pass


# The places themselves: office staff find their region in them and read them all.
registry.register(
    "regions.Province",
    regions=(RegionPath("pk", city=None),),
    office_staff=("view",),
    export="apps.regions.api.exports.PROVINCES",
    api=("provinces", "apps.regions.api.views.ProvinceViewSet", "province"),
    synthetic="apps.regions.synthetic.PLACES",
)
registry.register(
    "regions.City",
    regions=(RegionPath("province", city=""),),
    office_staff=("view",),
    export="apps.regions.api.exports.CITIES",
    api=("cities", "apps.regions.api.views.CityViewSet", "city"),
)
registry.register(
    "regions.Zone",
    demo="apps.regions.demo.PLACES",
)
