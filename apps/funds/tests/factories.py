import datetime
from decimal import Decimal

import factory

from apps.funds.models import ContributingParty, CooperationFund, FundContribution, FundGrant
from apps.regions.tests.factories import CityFactory


class CooperationFundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationFund

    code = factory.Sequence(lambda n: f"fund-{n}")
    name_zh = factory.Sequence(lambda n: f"合作基金{n}")
    name_en = factory.Sequence(lambda n: f"Cooperation Fund {n}")
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
    established_on = datetime.date(2010, 5, 1)
    committed_amount = Decimal("50000000.00")


class FundContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundContribution

    fund = factory.SubFactory(CooperationFundFactory)
    party = ContributingParty.GOVERNMENT
    amount = Decimal("10000000.00")
    contributed_on = factory.Sequence(
        lambda n: datetime.date(2010, 1, 1) + datetime.timedelta(days=n)
    )


class FundGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundGrant

    fund = factory.SubFactory(CooperationFundFactory)
    title = factory.Sequence(lambda n: f"资助项目{n}")
    amount = Decimal("1000000.00")
    granted_on = datetime.date(2012, 1, 1)
