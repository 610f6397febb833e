import datetime

import factory

from apps.core.tests.factories import DepartmentFactory
from apps.experts.choices import Title
from apps.experts.models import Expert, ExpertMessage


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    code = factory.Sequence(lambda n: f"expert-{n}")
    name_zh = factory.Sequence(lambda n: f"专家{n}")
    name_en = factory.Sequence(lambda n: f"Expert {n}")
    department = factory.SubFactory(DepartmentFactory)
    title = Title.PROFESSOR
    fields_zh = "储能材料、固态电池"
    fields_en = "Energy storage materials, solid-state batteries"
    industry = "energy"
    speaks_zh = True
    email = factory.Sequence(lambda n: f"expert{n}@private.example.edu.cn")
    consent_given = True
    consent_on = datetime.date(2025, 3, 1)


class ExpertMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertMessage

    expert = factory.SubFactory(ExpertFactory)
    sender_name = "李明"
    organization = "苏州某新能源有限公司"
    email = "liming@partner.example.com"
    body = "我们希望就固态电池中试合作进行交流。"
