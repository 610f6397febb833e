"""Every impact measure is a target metric an agreement may set, counted from the verified
records linked to it (apps.core.outcomes)."""

import datetime
from decimal import Decimal

import pytest

from apps.agreements.tests.factories import CooperationAgreementFactory
from apps.impact.choices import Verification
from apps.impact.outcomes import METRIC_VALUES
from apps.impact.tests.factories import ImpactRecordFactory
from apps.outcomes.choices import TargetMetric
from apps.outcomes.selectors import agreement_progress
from apps.outcomes.tests.factories import AgreementTargetFactory

pytestmark = pytest.mark.django_db


def test_every_impact_measure_is_a_target_metric():
    assert set(METRIC_VALUES.values()) <= set(TargetMetric.values)


def test_verified_records_count_towards_the_agreements_targets():
    agreement = CooperationAgreementFactory()
    AgreementTargetFactory(agreement=agreement, metric="jobs", quantity=Decimal(100))
    AgreementTargetFactory(agreement=agreement, metric="output_value", quantity=Decimal(10**8))
    ImpactRecordFactory(agreement=agreement, jobs=30, output_value=Decimal("25000000.00"))
    ImpactRecordFactory(agreement=agreement, report_year=2023, jobs=20, output_value=None)
    ImpactRecordFactory(
        agreement=agreement, jobs=500, status=Verification.SUBMITTED, verified_on=None
    )

    rows = {
        row["metric"]: row
        for row in agreement_progress(agreement, on=datetime.date(2025, 6, 1), public=True)
    }

    assert rows["jobs"]["actual"] == 50
    assert rows["output_value"]["actual"] == 25_000_000
    assert rows["output_value"]["is_value"]
