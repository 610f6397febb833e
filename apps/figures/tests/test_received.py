"""Money received (到账): released by region and year beside the signed sums, under the same
release and disclosure rules, and proven in the same linear system (issue 22)."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import translation

from apps.agreements.models import Contract, Payment
from apps.agreements.tests.factories import PaymentFactory
from apps.figures import release as releases
from apps.figures.models import Level, ReleasedSum
from apps.figures.selectors import received_values
from apps.figures.summary import current_build
from apps.figures.tests.test_release import add_contracts, busiest_place
from apps.regions.models import Province

pytestmark = pytest.mark.django_db


def exact_received(year, **region):
    return Payment.objects.filter(
        contract__in=Contract.objects.published().filter(**region),
        received_on__year=year,
    ).aggregate(total=Sum("amount"))["total"]


def busiest_year(city):
    row = (
        Payment.objects.filter(contract__in=Contract.objects.published().filter(city=city))
        .exclude(received_on=None)
        .values("received_on__year")
        .annotate(n=Sum(1))
        .order_by("-n")
        .first()
    )
    return row["received_on__year"]


def test_received_sums_are_released_by_region_and_year(demo_data):
    current_build()  # the first build releases the first figures
    national = received_values()
    assert national, "the demo's payments give money received by year"
    year, cell = max(
        ((year, cell) for year, cell in national.items() if not cell.withheld), key=lambda p: p[0]
    )
    assert cell.value == exact_received(year)
    assert cell.release is not None
    province = Province.objects.get(code="320000")
    for year, cell in received_values(province=province).items():
        if not cell.withheld:
            assert cell.contracts >= 3
            assert cell.value == exact_received(year, province=province)
    assert ReleasedSum.objects.filter(year__isnull=False, withheld=False).exists()
    assert releases.audit_releases().safe


def test_one_payment_between_releases_moves_no_received_sum(demo_data):
    """The disclosure test: one contract's payment, received between two releases, cannot be
    read from the difference of the received sums of the two releases; releasing the exact
    sums (the control) would give it away."""
    current_build()
    city = busiest_place()
    year = busiest_year(city)
    before = {key: cell for key, cell in received_values(city=city).items() if not cell.withheld}
    province_before = received_values(province=city.province)[year]
    national_before = received_values()[year]
    assert year in before

    contract = Contract.objects.published().filter(city=city).order_by("pk").first()
    PaymentFactory(
        contract=contract,
        instalment=99,
        amount=Decimal("77777.77"),
        due_on=None,
        received_on=datetime.date(year, 12, 30),
    )
    releases.release_figures()

    assert received_values(city=city)[year] == before[year]
    assert received_values(province=city.province)[year] == province_before
    assert received_values()[year] == national_before
    history = releases.audit_releases()
    assert history.safe, history.derivable

    # The control: the same two releases with every received sum published anew.
    naive = releases.Equations()
    states = releases.replay_states()
    first = {
        item: state
        for item, state in states.items()
        if not (item[0] == contract.pk and item[1] == year)
    }
    old = states[(contract.pk, year)]
    first[(contract.pk, year)] = releases.State(
        old.number, old.province, old.place, old.amount - Decimal("77777.77"), 0, year
    )
    naive.add(first, received_cells(first))
    second = dict(first)
    second[(contract.pk, year)] = releases.State(
        old.number, old.province, old.place, old.amount, 1, year
    )
    naive.add(second, received_cells(second))
    assert any(label == f"{contract.number} ({year})" for label, _ in naive.derivable())


def received_cells(states):
    """The received sums each version's publication shows on its own (the control)."""
    return {
        cell.key: True
        for root in releases.suppressed_forest(releases._members(states))[1:]
        for cell in root.walk()
        if cell.published
    }


def test_enough_payments_move_the_received_sum_at_the_next_release(demo_data):
    current_build()
    city = busiest_place()
    year = 2026
    contracts = add_contracts(
        city, [Decimal("300000"), Decimal("310000"), Decimal("320000")], "RCV-MANY"
    )
    for contract, amount in zip(
        contracts, [Decimal("100000"), Decimal("90000"), Decimal("110000")], strict=True
    ):
        PaymentFactory(contract=contract, amount=amount, received_on=datetime.date(year, 3, 1))
    release = releases.release_figures()
    national = ReleasedSum.objects.get(
        release=release, level=Level.NATIONAL, province_id=None, city_id=None, year=year
    )
    assert national.value_release_id == release.pk
    assert national.value == exact_received(year)
    assert releases.audit_releases().safe


def received_state(n):
    return releases.State(f"C-{n}", 1, 2, Decimal(100 * n), 0, 2025)


def test_the_audit_finds_a_received_amount_a_history_gives_away():
    """Two received sums of one cell differing by one contract's money: the audit names it."""
    equations = releases.Equations()
    first = {(n, 2025): received_state(n) for n in range(1, 4)}
    equations.add(first, {(Level.NATIONAL, None, None, 2025): True})
    second = {**first, (4, 2025): received_state(4)}
    equations.add(second, {(Level.NATIONAL, None, None, 2025): True})
    assert [label for label, _version in equations.derivable()] == ["C-4 (2025)"]
    # The signed sums are other unknowns: the same cells of signed sums leave it unknown.
    signed = {(n, None): releases.State(f"C-{n}", 1, 2, Decimal(1), 0) for n in range(1, 5)}
    equations.add(signed, {(Level.NATIONAL, None, None): True})
    assert [label for label, _version in equations.derivable()] == ["C-4 (2025)"]


def test_audit_disclosure_counts_received_sums(demo_data, capsys):
    current_build()
    with translation.override("en"):
        call_command("audit_disclosure")
    out = capsys.readouterr().out
    assert "received sums" in out
    assert "no contract amount can be derived" in out
