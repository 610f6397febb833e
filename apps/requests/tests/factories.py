import factory

from apps.regions.tests.factories import CityFactory, ProvinceFactory
from apps.requests.choices import (
    BudgetRange,
    CooperationKind,
    Industry,
    RequesterKind,
    Timeline,
)
from apps.requests.models import TechRequest
from apps.requests.tokens import new_tracking_salt, token_hash, tracking_token


class TechRequestFactory(factory.django.DjangoModelFactory):
    """A request row as the service would leave it (without its audit row or emails)."""

    class Meta:
        model = TechRequest

    reference = factory.Sequence(lambda n: f"TR2026-9{n:05d}")
    submission_key = factory.Sequence(lambda n: f"factory-key-{n}")
    tracking_salt = factory.LazyFunction(new_tracking_salt)
    tracking_token_hash = factory.LazyAttribute(
        lambda o: token_hash(tracking_token(reference=o.reference, salt=o.tracking_salt))
    )
    organization_name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    organization_kind = RequesterKind.PRIVATE
    contact_name = "王工"
    email = factory.Sequence(lambda n: f"partner{n}@example.com")
    phone = "010-62781234"
    province = factory.SubFactory(ProvinceFactory)
    city = factory.SubFactory(CityFactory, province=factory.SelfAttribute("..province"))
    industry = Industry.ENVIRONMENT
    title = "盐碱地改良"
    description = "我们在宁夏有大片盐碱地，希望利用脱硫废弃物改良土壤，提高作物产量。"
    cooperation_kind = CooperationKind.DEVELOPMENT
    budget_range = BudgetRange.FROM_1M_TO_5M
    timeline = Timeline.WITHIN_1_YEAR
    consent_to_contact = True
    language = "zh-hans"
