import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.agreements.models import ContractStatus
from apps.agreements.tests.factories import ContractFactory
from apps.events.models import EventKind
from apps.events.tests.factories import ExchangeEventFactory
from apps.institutes.tests.factories import BranchFactory, JointInstituteFactory
from apps.outcomes import selectors
from apps.outcomes.choices import Progress, TargetMetric
from apps.outcomes.metrics import SOURCES
from apps.outcomes.models import AgreementTarget
from apps.outcomes.tests.factories import AgreementTargetFactory
from apps.projects.tests.factories import CooperationProjectFactory
from apps.public.tests.sample import clear_caches

D = datetime.date
PERIOD = {"period_start": D(2020, 1, 1), "period_end": D(2024, 12, 31)}


def by_metric(rows):
    return {row["metric"]: row for row in rows}


def contract(agreement, signed_on, amount, **extra):
    return ContractFactory(
        agreement=agreement,
        province=agreement.province,
        city=agreement.city,
        signed_on=signed_on,
        amount=Decimal(amount),
        **extra,
    )


@pytest.mark.django_db
def test_progress_equals_the_linked_records_sums_and_counts_as_of_a_date(agreements):
    agreement = agreements["province"]
    for metric, quantity in [
        (TargetMetric.CONTRACT_VALUE, 5_000_000),
        (TargetMetric.CONTRACTS, 8),
        (TargetMetric.EVENTS, 6),
        (TargetMetric.PEOPLE_TRAINED, 500),
        (TargetMetric.PROJECTS, 4),
        (TargetMetric.INSTITUTES, 2),
    ]:
        AgreementTargetFactory(agreement=agreement, metric=metric, quantity=quantity, **PERIOD)
    amounts = {D(2019, 12, 31): 700_000, D(2020, 3, 1): 1_000_000, D(2021, 6, 30): 250_000}
    amounts |= {D(2022, 2, 1): 400_000, D(2023, 1, 1): 900_000}
    for signed_on, amount in amounts.items():
        contract(agreement, signed_on, amount)
    contract(agreement, D(2020, 5, 1), 333_000, status=ContractStatus.DRAFT)  # never counts
    for start_on, kind, participants in [
        (D(2020, 4, 1), EventKind.TRAINING, 120),
        (D(2021, 9, 1), EventKind.TRAINING, 80),
        (D(2021, 10, 1), EventKind.FAIR, 300),
        (D(2022, 5, 1), EventKind.TRAINING, 60),
    ]:
        ExchangeEventFactory(
            agreement=agreement,
            city=agreements["city"].city,
            start_on=start_on,
            kind=kind,
            participants=participants,
        )
    CooperationProjectFactory(agreement=agreement, started_on=D(2020, 8, 1))
    CooperationProjectFactory(agreement=agreement, started_on=D(2022, 8, 1))
    institute = JointInstituteFactory(agreement=agreement, established_on=D(2021, 1, 1))
    BranchFactory(institute=institute, agreement=agreement, established_on=D(2022, 6, 1))

    on = D(2021, 12, 31)
    progress = by_metric(selectors.agreement_progress(agreement, on=on))

    in_period = [a for d, a in amounts.items() if PERIOD["period_start"] <= d <= on]
    assert progress[TargetMetric.CONTRACT_VALUE]["actual"] == sum(in_period) == 1_250_000
    assert progress[TargetMetric.CONTRACTS]["actual"] == len(in_period) == 2
    assert progress[TargetMetric.EVENTS]["actual"] == 3
    assert progress[TargetMetric.PEOPLE_TRAINED]["actual"] == 120 + 80
    assert progress[TargetMetric.PROJECTS]["actual"] == 1
    assert progress[TargetMetric.INSTITUTES]["actual"] == 1
    # Two of the five years have gone by: 40 % of each target is expected.
    assert progress[TargetMetric.CONTRACTS]["expected_percent"] == 40
    assert progress[TargetMetric.CONTRACTS]["expected"] == pytest.approx(8 * 0.4, abs=0.01)

    later = by_metric(selectors.agreement_progress(agreement, on=D(2030, 1, 1)))
    assert later[TargetMetric.CONTRACT_VALUE]["actual"] == 2_550_000  # the period's five years
    assert later[TargetMetric.INSTITUTES]["actual"] == 2  # the branch counts too
    assert later[TargetMetric.PEOPLE_TRAINED]["actual"] == 260

    trend = selectors.agreement_trend(agreement, on=on)
    columns = [metric for metric, _label in trend["metrics"]]
    year_2021 = next(row for row in trend["years"] if row["year"] == 2021)
    assert year_2021["values"][columns.index(TargetMetric.CONTRACT_VALUE)] == 250_000
    assert year_2021["values"][columns.index(TargetMetric.EVENTS)] == 2
    assert trend["years"][0]["year"] == 2010 and trend["years"][-1]["year"] == 2021
    assert trend["totals"][columns.index(TargetMetric.CONTRACT_VALUE)] == 1_950_000


@pytest.mark.django_db
def test_progress_is_ahead_on_or_behind_by_the_time_elapsed(agreements):
    agreement = agreements["province"]
    on = D(2022, 7, 2)  # half of the period gone by
    target = AgreementTargetFactory(agreement=agreement, quantity=10, **PERIOD)
    for _ in range(5):
        contract(agreement, D(2021, 1, 1), 100_000)
    assert selectors.agreement_progress(agreement, on=on)[0]["progress"] == Progress.ON_TRACK
    AgreementTarget.objects.filter(pk=target.pk).update(quantity=20)
    assert selectors.agreement_progress(agreement, on=on)[0]["progress"] == Progress.BEHIND
    AgreementTarget.objects.filter(pk=target.pk).update(quantity=6)
    assert selectors.agreement_progress(agreement, on=on)[0]["progress"] == Progress.AHEAD
    AgreementTarget.objects.filter(pk=target.pk).update(quantity=5)
    assert selectors.agreement_progress(agreement, on=on)[0]["progress"] == Progress.MET
    assert (
        selectors.agreement_progress(agreement, on=D(2019, 6, 1))[0]["progress"]
        == Progress.NOT_STARTED
    )


@pytest.mark.django_db
def test_relinking_a_contract_moves_its_value_between_agreements(agreements):
    first, second = agreements["province"], agreements["city"]
    period = {"period_start": D(2018, 1, 1), "period_end": D(2022, 12, 31)}
    for agreement in (first, second):
        AgreementTargetFactory(
            agreement=agreement, metric=TargetMetric.CONTRACT_VALUE, quantity=1_000_000, **period
        )
    contract(first, D(2019, 1, 1), 200_000)
    moving = contract(first, D(2019, 2, 1), 450_000)
    on = D(2020, 1, 1)

    def values():
        return [selectors.agreement_progress(a, on=on)[0]["actual"] for a in (first, second)]

    assert values() == [650_000, 0]
    moving.agreement = second
    moving.save()
    assert values() == [200_000, 450_000]


@pytest.mark.django_db
def test_unpublished_links_never_count_in_public_progress(agreements, client):
    agreement = agreements["city"]
    period = {"period_start": D(2018, 1, 1), "period_end": D(2022, 12, 31)}
    for metric in (TargetMetric.CONTRACTS, TargetMetric.EVENTS, TargetMetric.CONTRACT_VALUE):
        AgreementTargetFactory(agreement=agreement, metric=metric, quantity=10, **period)
    for index in range(4):
        contract(agreement, D(2019, 3, 1 + index), 123_456, is_public=index < 3)
    for index in range(3):
        ExchangeEventFactory(
            agreement=agreement,
            city=agreement.city,
            start_on=D(2020, 1, 1 + index),
            is_public=index == 0,
        )
    on = D(2021, 1, 1)

    staff = by_metric(selectors.agreement_progress(agreement, on=on))
    public = by_metric(selectors.agreement_progress(agreement, on=on, public=True))
    assert (staff["contracts"]["actual"], public["contracts"]["actual"]) == (4, 3)
    assert (staff["events"]["actual"], public["events"]["actual"]) == (3, 1)
    # One agreement's contract value is not published at all, nor how it compares.
    assert staff["contract_value"]["actual"] == 4 * 123_456
    assert public["contract_value"]["actual"] is None
    assert public["contract_value"]["progress"] is None
    # What the public may know of it: how many published contracts it adds up.
    assert (staff["contract_value"]["contracts"], public["contract_value"]["contracts"]) == (4, 3)
    public_trend = selectors.agreement_trend(agreement, on=on, public=True)
    assert TargetMetric.CONTRACT_VALUE not in dict(public_trend["metrics"])

    page = client.get(f"/en/agreements/{agreement.number}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "493,824" not in html and "370,368" not in html and "123,456" not in html
    assert 'data-metric="contracts"' in html


@pytest.mark.django_db
def test_agreement_page_takes_the_same_queries_for_few_records_and_many(
    agreements, client, django_assert_max_num_queries
):
    agreement = agreements["city"]
    period = {"period_start": D(2018, 1, 1), "period_end": D(2022, 12, 31)}
    AgreementTargetFactory(agreement=agreement, metric=TargetMetric.CONTRACTS, **period)
    contract(agreement, D(2019, 1, 1), 100_000)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/agreements/{agreement.number}/").status_code == 200
    for metric in set(TargetMetric.values) - {TargetMetric.CONTRACTS}:
        AgreementTargetFactory(agreement=agreement, metric=metric, **period)
    for day in range(1, 20):
        contract(agreement, D(2020, 1, day), 100_000)
        ExchangeEventFactory(agreement=agreement, city=agreement.city, start_on=D(2021, 1, day))
    clear_caches()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"/agreements/{agreement.number}/")
    assert page.content.decode().count("data-metric=") == len(TargetMetric.values)


@pytest.mark.django_db
def test_an_unpublished_agreement_has_no_public_page(agreements, client):
    agreements["city"].is_public = False
    agreements["city"].save()
    assert client.get(f"/agreements/{agreements['city'].number}/").status_code == 404
    assert client.get(f"/agreements/{agreements['province'].number}/").status_code == 200
    AgreementTargetFactory(agreement=agreements["city"], **PERIOD)
    assert not AgreementTarget.objects.filter(agreement=agreements["city"]).with_progress(
        public=True
    )


@pytest.mark.django_db
def test_progress_takes_the_same_queries_for_one_target_as_for_many(
    agreements, django_assert_num_queries
):
    agreement = agreements["province"]
    AgreementTargetFactory(agreement=agreement, **PERIOD)
    contract(agreement, D(2021, 1, 1), 100_000)
    with django_assert_num_queries(1):
        selectors.agreement_progress(agreement, on=D(2022, 1, 1))
    # One grouped query per declared source, whatever the number of records.
    sources = sum(len(found) for found in SOURCES.values())
    with django_assert_num_queries(sources) as one:
        selectors.agreement_trend(agreement, on=D(2022, 1, 1))
    for metric in set(TargetMetric.values) - {TargetMetric.CONTRACTS}:
        AgreementTargetFactory(agreement=agreement, metric=metric, **PERIOD)
    for day in range(1, 20):
        contract(agreement, D(2021, 2, day), 100_000)
        ExchangeEventFactory(
            agreement=agreement, city=agreements["city"].city, start_on=D(2022, 1, day)
        )
    with django_assert_num_queries(1):
        rows = selectors.agreement_progress(agreement, on=D(2022, 1, 1))
    assert len(rows) == len(TargetMetric.values)
    with django_assert_num_queries(len(one.captured_queries)):
        selectors.agreement_trend(agreement, on=D(2022, 1, 1))
