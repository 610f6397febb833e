"""Reads that count the cooperation as the seed states it: the figures ``load_demo`` prints.

Which records make a province or city "cooperating", and each app's own figures, are the apps'
demo declarations (``apps.core.demo.DemoStep``: ``places`` and ``figures``).
"""

import datetime

from django.db.models import Q

from apps.core.scope import cities_containing
from apps.demo.demo import demo_steps
from apps.regions.models import City, CityLevel, Province


def regional_records():
    """(model, path to its province, path to its city) of every record whose place makes a
    region cooperating."""
    return [place for step in demo_steps() for place in step.places]


def cooperating_provinces():
    condition = Q()
    for model, province_path, _city_path in regional_records():
        condition |= Q(pk__in=model.objects.values(province_path))
    return Province.objects.filter(condition)


def cooperating_prefecture_cities():
    """Prefecture-level cities with a record in them or in one of their districts."""
    condition = Q(pk__in=[])
    for model, _province_path, city_path in regional_records():
        condition |= cities_containing(model.objects.all(), city_path)
    return City.objects.filter(condition, level=CityLevel.PREFECTURE)


def cooperation_figures(today=None):
    today = today or datetime.date.today()
    figures = [
        (10, "provincial-level units cooperating", cooperating_provinces().count()),
        (20, "prefecture-level cities cooperating", cooperating_prefecture_cities().count()),
    ]
    for step in demo_steps():
        if step.figures is not None:
            figures += step.figures(today)
    return {label: value for _position, label, value in sorted(figures, key=lambda f: f[0])}
