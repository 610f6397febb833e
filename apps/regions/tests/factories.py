import factory

from apps.regions.models import City, CityLevel, MacroRegion, Province, ProvinceKind, Zone, ZoneKind


class ProvinceFactory(factory.django.DjangoModelFactory):
    """Uses real codes from the 80s range so tests never collide with loaded geography."""

    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{10 + n % 80:02d}0000")
    name_zh = factory.Sequence(lambda n: f"测试省{n}")
    short_name_zh = factory.Sequence(lambda n: f"测{n}")
    name_en = factory.Sequence(lambda n: f"Test Province {n}")
    kind = ProvinceKind.PROVINCE
    macro_region = MacroRegion.EAST
    latitude = 31
    longitude = 120


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ["code"]

    province = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.province.code[:2]}{1 + n % 99:02d}00")
    level = CityLevel.PREFECTURE
    name_zh = factory.Sequence(lambda n: f"测试市{n}")
    name_en = factory.Sequence(lambda n: f"Test City {n}")
    latitude = 31
    longitude = 120


class ZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Zone

    code = factory.Sequence(lambda n: f"zone-{n}")
    kind = ZoneKind.values[0]
    name_zh = factory.Sequence(lambda n: f"经济区{n}")
    name_en = factory.Sequence(lambda n: f"Economic zone {n}")
