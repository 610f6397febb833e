import datetime

import factory

from apps.challenges.choices import ConsentMethod, Stage
from apps.challenges.models import Challenge, Proposal
from apps.core.tests.factories import DepartmentFactory
from apps.regions.tests.factories import CityFactory
from apps.requests.tests.factories import TechRequestFactory


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    code = factory.Sequence(lambda n: f"challenge-{n}")
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
    request = factory.SubFactory(
        TechRequestFactory,
        province=factory.SelfAttribute("..province"),
        city=factory.SelfAttribute("..city"),
    )
    title_zh = factory.Sequence(lambda n: f"企业技术难题{n}")
    title_en = factory.Sequence(lambda n: f"Technology challenge {n}")
    problem_zh = "一家企业希望提高产品的可靠性，并降低生产成本。"
    problem_en = "An enterprise wants its product more reliable and cheaper to make."
    industry = "manufacturing"
    budget_range = "1m_5m"
    published_on = datetime.date(2025, 3, 1)
    deadline = datetime.date(2025, 6, 30)
    stage = Stage.RECEIVED
    consent_on = datetime.date(2025, 2, 20)
    consent_method = ConsentMethod.WRITTEN
    consent_note = "同意书存档 2025-007"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    challenge = factory.SubFactory(ChallengeFactory)
    department = factory.SubFactory(DepartmentFactory)
    received_on = factory.LazyAttribute(
        lambda o: o.challenge.published_on + datetime.timedelta(days=7)
    )
    approach = "现场调研后提出技术路线，分阶段验证。"
    readiness = 6
    team = "教授1名、博士后2名。"
    duration_months = 12
    cost_range = "1m_5m"
    experts = ""
    note = ""
