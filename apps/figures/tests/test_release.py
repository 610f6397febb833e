"""Contract sums released on a calendar: between releases no public sum moves, a release never
singles out a contract, and the whole history is proven at once (issue 20)."""

import datetime
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone
from rest_framework.test import APIClient

from apps.agreements.models import Contract
from apps.agreements.tests.factories import ContractFactory
from apps.core.scope import place_of
from apps.dossiers.selectors import dossier_data
from apps.figures import release as releases
from apps.figures.models import Level, Release, ReleasedSum
from apps.figures.selectors import publication
from apps.figures.summary import current_build
from apps.public import selectors
from apps.public.tests.test_pages import figures
from apps.regions.models import City

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


def money(value):
    return None if value in (None, "") else Decimal(str(value)).quantize(CENT)


def busiest_place():
    """The prefecture-level city with the most published contracts."""
    row = (
        Contract.objects.published()
        .exclude(city=None)
        .annotate(place=place_of())
        .values("place")
        .annotate(n=Sum(1))
        .order_by("-n")
        .first()
    )
    return City.objects.get(pk=row["place"])


def public_sums(client, city):
    """Every public channel's contract sum for the country, the city's province and the city."""
    province = city.province
    anonymous = APIClient()
    by_city = {
        row["key"]: row
        for row in anonymous.get("/api/v1/stats/contracts/", {"group_by": "city"}).json()
    }
    by_province = {
        row["key"]: row
        for row in anonymous.get("/api/v1/stats/contracts/", {"group_by": "province"}).json()
    }
    return {
        "home page": figures(client.get("/"))["contracts_value"],
        "province page": selectors.province_overview(province)["figures"]["contracts_value"],
        "city page": selectors.city_overview(city)["figures"]["contracts_value"],
        "API summary": money(anonymous.get("/api/v1/stats/summary/").json()["contract_amount"]),
        "API summary, province": money(
            anonymous.get("/api/v1/stats/summary/", {"province": province.code}).json()[
                "contract_amount"
            ]
        ),
        "API summary, city": money(
            anonymous.get("/api/v1/stats/summary/", {"city": city.code}).json()["contract_amount"]
        ),
        "API stats by city": money(by_city[city.code]["total_amount"]),
        "API stats by province": money(by_province[province.code]["total_amount"]),
        "province dossier": dossier_data(province)["overview"]["figures"]["contracts_value"],
        "city dossier": dossier_data(city)["overview"]["figures"]["contracts_value"],
        "province download": client.get(
            f"/regions/{province.code}/tables/regions.csv"
        ).content.decode(),
    }


def exact_sum(**region):
    return Contract.objects.published().filter(**region).aggregate(total=Sum("amount"))["total"]


def add_contracts(city, amounts, prefix):
    existing = Contract.objects.published().filter(city=city).first()
    return [
        ContractFactory(
            number=f"{prefix}-{index}",
            province=city.province,
            city=city,
            organization=existing.organization,
            department=existing.department,
            amount=amount,
            is_public=True,
        )
        for index, amount in enumerate(amounts)
    ]


def test_one_new_contract_moves_no_public_sum_before_or_after_a_release(demo_data, client):
    city = busiest_place()
    before = public_sums(client, city)
    first = Release.objects.get()  # the first build released the first figures

    (contract,) = add_contracts(city, [Decimal("987654.32")], "REL-ONE")
    current_build()
    assert public_sums(client, city) == before  # between releases: nothing moves

    call_command("release_figures", verbosity=0)
    assert Release.objects.count() == 2
    assert public_sums(client, city) == before  # one contract alone: still nothing moves
    # Every released cell holding it keeps the sum of the first release.
    for (level, province, place), cell in publication().items():
        if (level, province, place) in releases.cell_keys(
            releases.State("", city.province_id, city.pk, 0, 0)
        ):
            assert cell.release.number == first.pk
    assert releases.audit_releases().safe
    # Every public money figure names its release.
    released_on = timezone.localdate(first.released_at).isoformat()
    assert f"{released_on}发布" in client.get("/").content.decode()
    assert (
        f"as released on {released_on}"
        in client.get(f"/en/regions/{city.province.code}/").content.decode()
    )
    assert contract.pk


def test_enough_new_contracts_are_released_together(demo_data, client):
    city = busiest_place()
    before = public_sums(client, city)
    add_contracts(city, [Decimal("120000"), Decimal("95000.50"), Decimal("130500")], "REL-MANY")
    current_build()
    assert public_sums(client, city) == before

    release = releases.release_figures()
    after = publication()
    city_cell = after[(Level.PLACE, city.province_id, city.pk)]
    assert city_cell.release.number == release.pk
    assert city_cell.value == exact_sum(province=city.province, city__in=city_and_districts(city))
    national = after[(Level.NATIONAL, None, None)]
    assert national.value == exact_sum()
    assert releases.audit_releases().safe
    changed = public_sums(client, city)
    assert changed["API stats by city"] == city_cell.value
    assert changed["API summary"] == national.value


def city_and_districts(city):
    return City.objects.filter(pk=city.pk) | City.objects.filter(parent=city)


def test_a_dominant_contract_holds_the_sum_back(demo_data):
    city = busiest_place()
    before = publication()[(Level.PLACE, city.province_id, city.pk)]
    add_contracts(city, [Decimal("90000000"), Decimal("1000"), Decimal("1200")], "REL-BIG")
    releases.release_figures()
    after = publication()[(Level.PLACE, city.province_id, city.pk)]
    assert (after.value, after.contracts) == (before.value, before.contracts)
    assert releases.audit_releases().safe


def test_twelve_releases_of_changing_demo_data_leak_nothing(demo_data):
    """A year of monthly releases with new, changed and deleted contracts in between: the
    proof over every release at once finds no amount, though releasing every month's exact
    publications, each safe on its own, would have given contracts away (the control)."""
    current_build()  # the first build releases the first figures
    rng = random.Random(20)
    places = list(
        City.objects.filter(parent=None, contracts__isnull=False).distinct().order_by("pk")[:40]
    )
    naive = releases.Equations()
    naive.last_states = releases.replay_states()
    naive.add(naive.last_states, dict.fromkeys(naive_cells(naive.last_states), True))
    for month in range(12):
        for city in rng.sample(places, 6):
            count = rng.choice([1, 1, 2, 3, 4])
            amounts = [Decimal(rng.randint(10_000, 3_000_000)) for _ in range(count)]
            add_contracts(city, amounts, f"Y{month}-{city.pk}")
        changed = Contract.objects.published().order_by("?").first()
        Contract.objects.filter(pk=changed.pk).update(amount=changed.amount + 1000)
        Contract.objects.published().order_by("?").first().delete()
        releases.release_figures(now=datetime.datetime(2026, month + 1, 1, tzinfo=datetime.UTC))
        # The control: each month's own publication, published anew.
        states, _changes, _removed = releases._next_states(
            dict(naive_states(naive)), releases.current_contracts()
        )
        naive.add(states, dict.fromkeys(naive_cells(states), True))
        naive.last_states = states

    result = releases.audit_releases()
    assert result.releases == 13
    assert result.safe, result.derivable
    # Sums do move: each month enough changed for some cells (the country at least).
    assert all(Release.objects.exclude(reason=releases.FIRST).values_list("updated", flat=True))
    assert ReleasedSum.objects.filter(release=Release.objects.first()).exists()
    assert naive.derivable(), "the control should give contracts away"


def naive_states(equations):
    return getattr(equations, "last_states", {})


def naive_cells(states):
    """The cells this version's publication shows on its own (suppressed within the version,
    as before releases): safe one version at a time."""
    root = releases.suppressed_tree(releases._members(states))
    return {cell.key for cell in root.walk() if cell.published}


@pytest.mark.parametrize(
    ("months", "day", "released_on", "today", "due"),
    [
        (1, 1, datetime.date(2026, 11, 20), datetime.date(2026, 12, 7), True),
        (1, 1, datetime.date(2026, 12, 2), datetime.date(2026, 12, 7), False),
        (1, 15, datetime.date(2026, 11, 20), datetime.date(2026, 12, 7), False),
        (1, 15, datetime.date(2026, 11, 20), datetime.date(2026, 12, 15), True),
        (3, 1, datetime.date(2026, 10, 5), datetime.date(2026, 12, 31), False),
        (3, 1, datetime.date(2026, 10, 5), datetime.date(2027, 1, 1), True),
        (1, 1, datetime.date(2025, 12, 31), datetime.date(2026, 1, 1), True),
    ],
)
def test_the_calendar_says_when_a_release_is_due(settings, months, day, released_on, today, due):
    settings.FIGURES_RELEASE_CALENDAR = {"months": months, "day": day}
    Release.objects.create(
        released_at=datetime.datetime.combine(released_on, datetime.time(12), tzinfo=datetime.UTC),
        reason=releases.SCHEDULED,
        cells=0,
        updated=0,
    )
    assert releases.release_due(today) is due


def test_the_daily_task_releases_only_when_the_calendar_says(demo_data):
    from apps.figures import tasks

    current_build()  # the first release
    assert Release.objects.count() == 1
    tasks.release_figures_when_due()  # released today: not due again
    assert Release.objects.count() == 1
    Release.objects.update(released_at=timezone.now() - datetime.timedelta(days=40))
    tasks.release_figures_when_due()
    assert Release.objects.count() == 2
    assert Release.objects.order_by("-pk").first().reason == releases.SCHEDULED
