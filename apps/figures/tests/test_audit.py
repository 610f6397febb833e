"""audit_disclosure: no published sum, alone or combined, gives away a contract's amount."""

import io
import random
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from apps.agreements.tests.factories import ContractFactory
from apps.figures.audit import PublishedCell, audit, rref_unit_columns
from apps.figures.models import Level, PublishedSum
from apps.figures.publication import Cell, suppress_nested
from apps.figures.summary import current_build
from apps.partners.tests.factories import OrganizationFactory
from apps.regions.services import geography_load
from apps.regions.tests.factories import CityFactory, ProvinceFactory


def run_audit(language="en"):
    out = io.StringIO()
    with translation.override(language):
        call_command("audit_disclosure", stdout=out)
    return out.getvalue()


def test_unit_vectors_in_the_row_space_are_found_exactly():
    # a+b+c, a+b: c is determined; a and b are not. d+e, e+f, d+f: each is (rank 3).
    assert rref_unit_columns([{0, 1, 2}, {0, 1}]) == {2}
    assert rref_unit_columns([{3, 4}, {4, 5}, {3, 5}]) == {3, 4, 5}
    assert rref_unit_columns([{3, 4}, {4, 5}]) == set()


def random_publication(seed):
    """Random provinces and cities of contracts, published as the portal publishes them."""
    rng = random.Random(seed)
    contracts, number = [], 0
    root = Cell((Level.NATIONAL, None, None), 0, Decimal(0))
    for province in range(1, rng.randint(2, 6)):
        province_cell = Cell((Level.PROVINCE, province, None), 0, Decimal(0))
        root.children.append(province_cell)
        for place in [None, *range(province * 10, province * 10 + rng.randint(0, 5))]:
            count = rng.choice([0, 1, 1, 2, 3, 4, 7])
            if place is not None:
                province_cell.children.append(
                    Cell((Level.PLACE, province, place), count, Decimal(count))
                )
            province_cell.contracts += count
            for _ in range(count):
                number += 1
                contracts.append((f"C{number}", province, place))
        root.contracts += province_cell.contracts
    suppress_nested(root)
    cells = [PublishedCell(*cell.key) for cell in root.walk() if cell.published]
    primary_only = [PublishedCell(*cell.key) for cell in root.walk() if cell.contracts >= 3]
    return cells, primary_only, contracts


@pytest.mark.parametrize("seed", range(40))
def test_nested_suppression_leaves_no_amount_derivable(seed):
    cells, _primary_only, contracts = random_publication(seed)
    assert audit(cells, contracts).safe


def test_primary_suppression_alone_is_caught():
    caught = [seed for seed in range(40) if not audit(*random_publication(seed)[1:]).safe]
    assert caught  # the audit finds what secondary suppression prevents


@pytest.mark.django_db
def test_a_publication_without_secondary_suppression_is_caught():
    home, other = ProvinceFactory(), ProvinceFactory()
    big, small, far = (
        CityFactory(province=home),
        CityFactory(province=home),
        CityFactory(province=other),
    )
    contracts = {}
    for city, count in ((big, 3), (small, 1), (far, 3)):
        partner = OrganizationFactory(province=city.province, city=city)
        contracts[city] = ContractFactory.create_batch(
            count, organization=partner, province=city.province, city=city
        )
    current_build()
    assert run_audit().splitlines()[-1] == "no contract amount can be derived"
    assert run_audit("zh-hans").splitlines()[-1] == "任何合同的金额都无法被推算"

    # Publish what primary suppression alone would: every cell of 3 contracts or more. The
    # province minus its big city is then the small city's one contract.
    PublishedSum.objects.filter(contracts__gte=3, withheld=True).update(
        withheld=False, value=Decimal("1.00")
    )
    with pytest.raises(CommandError):
        run_audit()
    assert audit().derivable == [contracts[small][0].number]


@pytest.mark.django_db
def test_audit_on_a_synthetic_data_set():
    geography_load()
    call_command(
        "generate_synthetic",
        no_index=True,
        contracts=3000,
        projects=50,
        events=50,
        organizations=200,
        agreements=20,
        offices=4,
        institutes=2,
        funds=2,
        seed=11,
        stdout=io.StringIO(),
    )
    output = run_audit()
    lines = dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)
    assert int(lines["published contracts"]) > 2000
    assert output.splitlines()[-1] == "no contract amount can be derived"
