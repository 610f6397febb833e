import datetime

import factory

from apps.partners.models import (
    Membership,
    MembershipTier,
    Organization,
    OrganizationKind,
    Ownership,
)
from apps.regions.tests.factories import CityFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.ENTERPRISE
    ownership = Ownership.PRIVATE
    name_zh = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    name_en = factory.Sequence(lambda n: f"Test Enterprise {n} Co., Ltd.")
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
    industry = "manufacturing"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    tier = MembershipTier.REGULAR
    joined_on = datetime.date(2020, 1, 1)
    valid_until = datetime.date(2030, 12, 31)
