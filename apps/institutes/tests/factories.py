import datetime

import factory

from apps.institutes.models import Branch, InstituteKind, JointInstitute
from apps.regions.tests.factories import CityFactory


class JointInstituteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointInstitute

    code = factory.Sequence(lambda n: f"inst-{n}")
    name_zh = factory.Sequence(lambda n: f"联合研究院{n}")
    name_en = factory.Sequence(lambda n: f"Joint Research Institute {n}")
    kind = InstituteKind.LOCAL_GOVERNMENT
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
    established_on = datetime.date(2011, 7, 1)


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Branch

    institute = factory.SubFactory(JointInstituteFactory)
    name_zh = factory.Sequence(lambda n: f"分院{n}")
    city = factory.SelfAttribute("institute.city")
