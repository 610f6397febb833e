import datetime
from decimal import Decimal

import factory

from apps.agreements.choices import TransferMode
from apps.agreements.models import (
    AgreementKind,
    Contract,
    ContractKind,
    CooperationAgreement,
    Payment,
    ScopeArea,
)
from apps.core.tests.factories import DepartmentFactory
from apps.partners.tests.factories import OrganizationFactory


class ScopeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScopeArea

    code = factory.Sequence(lambda n: f"scope-{n}")
    name_zh = factory.Sequence(lambda n: f"合作领域{n}")
    name_en = factory.Sequence(lambda n: f"Scope area {n}")


class CooperationAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAgreement

    number = factory.Sequence(lambda n: f"AGR-{n:05d}")
    title_zh = factory.Sequence(lambda n: f"全面合作协议{n}")
    title_en = factory.Sequence(lambda n: f"Comprehensive agreement {n}")
    kind = AgreementKind.COMPREHENSIVE
    organization = factory.SubFactory(OrganizationFactory)
    province = factory.SelfAttribute("organization.province")
    city = factory.SelfAttribute("organization.city")
    # Before the other factories' dates (contracts 2015, events 2015, grants 2012), so the
    # records they link to an agreement fall within its term.
    signed_on = datetime.date(2010, 1, 1)
    end_on = None
    # Without an end date an agreement runs on an open term, reviewed on a set date.
    open_term = factory.LazyAttribute(lambda agreement: agreement.end_on is None)
    review_on = factory.LazyAttribute(
        lambda agreement: datetime.date(2035, 1, 1) if agreement.end_on is None else None
    )


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    number = factory.Sequence(lambda n: f"CT-{n:06d}")
    title_zh = factory.Sequence(lambda n: f"技术开发合同{n}")
    title_en = factory.Sequence(lambda n: f"Development contract {n}")
    # A contract given a company invested in is an equity investment (a transfer contract).
    equity_company = None
    kind = factory.LazyAttribute(
        lambda o: ContractKind.TRANSFER if o.equity_company else ContractKind.DEVELOPMENT
    )
    transfer_mode = factory.LazyAttribute(lambda o: TransferMode.EQUITY if o.equity_company else "")
    department = factory.SubFactory(DepartmentFactory)
    principal_investigator = "张教授"
    organization = factory.SubFactory(OrganizationFactory)
    province = factory.SelfAttribute("organization.province")
    city = factory.SelfAttribute("organization.city")
    signed_on = datetime.date(2015, 6, 1)
    amount = Decimal("500000.00")


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    contract = factory.SubFactory(ContractFactory)
    instalment = factory.Sequence(lambda n: n + 1)
    amount = Decimal("100000.00")
    received_on = datetime.date(2015, 9, 1)
