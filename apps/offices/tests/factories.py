import datetime

import factory

from apps.offices.models import CooperationOffice, Duty, PracticeBase, PracticeBaseKind
from apps.regions.tests.factories import CityFactory


class DutyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Duty

    code = factory.Sequence(lambda n: f"duty-{n}")
    position = factory.Sequence(lambda n: n % 30000)
    text_zh = factory.Sequence(lambda n: f"办公室职责{n}")
    text_en = factory.Sequence(lambda n: f"Office duty {n}")


class CooperationOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationOffice

    code = factory.Sequence(lambda n: f"office-{n}")
    name_zh = factory.Sequence(lambda n: f"产学研合作办公室{n}")
    name_en = factory.Sequence(lambda n: f"Cooperation Office {n}")
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
    opened_on = datetime.date(2008, 1, 1)


class PracticeBaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeBase

    office = factory.SubFactory(CooperationOfficeFactory)
    kind = PracticeBaseKind.POSTGRADUATE_PRACTICE
    name_zh = factory.Sequence(lambda n: f"实践基地{n}")
