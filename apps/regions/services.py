from django.db import transaction

from apps.regions import geography
from apps.regions.models import City, Province


@transaction.atomic
def geography_load():
    """Create or update every provincial-level unit and city from the reference package.

    Idempotent: a second run rewrites the same values. Returns (provinces, cities) counts.
    """
    places = list(geography.read_places())
    provinces = []
    for place in places:
        if place.code[2:] != "0000":
            continue
        short_zh, kind = geography.province_parts(place.name_zh)
        provinces.append(
            Province(
                code=place.code,
                name_zh=place.name_zh,
                short_name_zh=short_zh,
                name_en=geography.province_english(short_zh),
                kind=kind,
                macro_region=geography.macro_region(place.code),
                latitude=place.latitude,
                longitude=place.longitude,
            )
        )
    Province.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "name_zh",
            "short_name_zh",
            "name_en",
            "kind",
            "macro_region",
            "latitude",
            "longitude",
        ],
    )
    province_ids = dict(Province.objects.values_list("code", "id"))

    cities = []
    parents = {}
    for place in places:
        if place.code[2:] == "0000":
            continue
        level, parent_code = geography.city_level_and_parent(place.code)
        parents[place.code] = parent_code
        cities.append(
            City(
                code=place.code,
                province_id=province_ids[place.code[:2] + "0000"],
                level=level,
                name_zh=place.name_zh,
                name_en=geography.city_english(place.name_zh),
                latitude=place.latitude,
                longitude=place.longitude,
            )
        )
    City.objects.bulk_create(
        cities,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["province", "level", "name_zh", "name_en", "latitude", "longitude"],
    )
    city_ids = dict(City.objects.values_list("code", "id"))
    with_parent = []
    for code, parent_code in parents.items():
        city = City(id=city_ids[code], parent_id=city_ids.get(parent_code))
        with_parent.append(city)
    City.objects.bulk_update(with_parent, ["parent"], batch_size=1000)
    return len(provinces), len(cities)
