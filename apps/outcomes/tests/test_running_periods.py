"""Only a running target period can put an agreement behind target: a period that ended is
history, met or missed (issue 21)."""

import datetime

import pytest

from apps.agreements.tests.factories import ContractFactory
from apps.events.tests.factories import ExchangeEventFactory
from apps.outcomes.choices import Progress, TargetMetric
from apps.outcomes.models import AgreementTarget
from apps.outcomes.selectors import agreements_with_targets_behind, public_agreement_outcomes
from apps.outcomes.tests.factories import AgreementTargetFactory

pytestmark = pytest.mark.django_db

ON = datetime.date(2024, 6, 1)


def test_an_ended_period_is_met_or_missed_never_behind(agreements):
    province = agreements["province"]
    missed = AgreementTargetFactory(
        agreement=province,
        metric=TargetMetric.CONTRACTS,
        quantity=10,
        period_start=datetime.date(2011, 1, 1),
        period_end=datetime.date(2015, 12, 31),
    )
    met = AgreementTargetFactory(
        agreement=province,
        metric=TargetMetric.EVENTS,
        quantity=1,
        period_start=datetime.date(2011, 1, 1),
        period_end=datetime.date(2015, 12, 31),
    )
    ContractFactory(agreement=province, signed_on=datetime.date(2012, 5, 1))
    ExchangeEventFactory(
        agreement=province,
        city=agreements["city"].city,
        province=province.province,
        start_on=datetime.date(2013, 5, 1),
    )
    progress = {t.pk: t.progress for t in AgreementTarget.objects.with_progress(on=ON)}
    assert progress[missed.pk] == Progress.MISSED
    assert progress[met.pk] == Progress.MET
    assert not AgreementTarget.objects.behind(on=ON).exists()
    assert province not in agreements_with_targets_behind(on=ON)

    # A running period with too little done is behind.
    running = AgreementTargetFactory(
        agreement=province,
        metric=TargetMetric.CONTRACTS,
        quantity=10,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    assert list(AgreementTarget.objects.behind(on=ON)) == [running]
    assert province in agreements_with_targets_behind(on=ON)


def test_the_public_page_shows_ended_periods_as_history(agreements, client):
    province = agreements["province"]
    AgreementTargetFactory(
        agreement=province,
        metric=TargetMetric.CONTRACTS,
        quantity=10,
        period_start=datetime.date(2011, 1, 1),
        period_end=datetime.date(2015, 12, 31),
    )
    outcomes = public_agreement_outcomes(province, on=ON)
    assert outcomes["targets"] == [] and outcomes["verdict"] is None
    [ended] = outcomes["history"]
    assert ended["progress"] == Progress.MISSED
    page = client.get(f"/agreements/{province.number}/").content.decode()
    assert "以往目标期" in page and "未达成" in page
    assert "落后于目标" not in page
