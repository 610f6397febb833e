import datetime
from decimal import Decimal

import factory

from apps.agreements.tests.factories import CooperationAgreementFactory
from apps.outcomes.choices import TargetMetric
from apps.outcomes.models import AgreementTarget


class AgreementTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreementTarget

    agreement = factory.SubFactory(CooperationAgreementFactory)
    metric = TargetMetric.CONTRACTS
    quantity = Decimal(10)
    period_start = datetime.date(2020, 1, 1)
    period_end = datetime.date(2024, 12, 31)
