"""The regions' part of the synthetic data set (``apps.core.synthetic``): the places the other
steps draw from, weighted toward the east and the big municipalities.

Leaves ``synth.provinces`` (those with cities), ``synth.cities`` ({province pk: [prefecture-level
cities and county-level cities without a parent]}) and ``synth.weights``.
"""

from django.core.management import call_command

from apps.core.synthetic import SyntheticStep
from apps.regions.models import City, CityLevel, Province

# Rough weights: more cooperation in the east and in the big municipalities.
PROVINCE_WEIGHTS = {
    "110000": 9,
    "120000": 6,
    "130000": 6,
    "310000": 7,
    "320000": 10,
    "330000": 8,
    "370000": 7,
    "440000": 9,
    "340000": 5,
    "350000": 4,
    "410000": 4,
    "420000": 4,
    "430000": 3,
    "210000": 4,
    "220000": 3,
    "230000": 3,
    "150000": 3,
    "640000": 3,
    "500000": 3,
    "510000": 4,
    "530000": 3,
    "610000": 3,
    "710000": 0.3,
    "810000": 0.5,
    "820000": 0.3,
    "540000": 0.5,
    "630000": 0.6,
}


def write_places(synth, _count):
    if not Province.objects.exists():
        call_command("load_geography", stdout=synth.stdout)
    provinces = list(Province.objects.order_by("code"))
    cities = {}
    for city in City.objects.filter(level=CityLevel.PREFECTURE) | City.objects.filter(
        parent__isnull=True, level=CityLevel.COUNTY
    ):
        cities.setdefault(city.province_id, []).append(city)
    synth.provinces = [p for p in provinces if cities.get(p.pk)] or provinces
    synth.cities = cities
    synth.weights = [PROVINCE_WEIGHTS.get(p.code, 1.5) for p in synth.provinces]


PLACES = SyntheticStep(5, "", write_places)
