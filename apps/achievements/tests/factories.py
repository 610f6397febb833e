import datetime

import factory

from apps.achievements.models import Achievement, Patent, PatentStatus, Readiness
from apps.core.tests.factories import DepartmentFactory
from apps.regions.tests.factories import CityFactory


class AchievementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Achievement

    code = factory.Sequence(lambda n: f"achievement-{n}")
    title_zh = factory.Sequence(lambda n: f"科技成果{n}")
    title_en = factory.Sequence(lambda n: f"Achievement {n}")
    summary_zh = "一项可许可的技术成果。"
    summary_en = "A result offered for licence."
    industry = "energy"
    department = factory.SubFactory(DepartmentFactory)
    maturity = Readiness.DEMONSTRATED
    offers_licence = True
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
    listed_on = datetime.date(2024, 5, 1)


class PatentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patent

    achievement = factory.SubFactory(AchievementFactory)
    number = factory.Sequence(lambda n: f"CN2020{n:07d}.X")
    status = PatentStatus.GRANTED
    filed_on = datetime.date(2020, 3, 1)
    granted_on = datetime.date(2022, 6, 1)
