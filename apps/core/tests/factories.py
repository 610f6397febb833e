import datetime

import factory

from apps.core.models import Department, DepartmentKind, Milestone


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"dept-{n}")
    name_zh = factory.Sequence(lambda n: f"测试系{n}")
    name_en = factory.Sequence(lambda n: f"Test Department {n}")
    kind = DepartmentKind.SCHOOL


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    happened_on = factory.Sequence(lambda n: datetime.date(1983 + n % 40, 7, 1))
    title_zh = factory.Sequence(lambda n: f"里程碑{n}")
    title_en = factory.Sequence(lambda n: f"Milestone {n}")
