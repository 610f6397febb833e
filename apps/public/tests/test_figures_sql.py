"""Every figure of the home, a province and a city page recomputed here with plain SQL, written
from the definitions page (统计口径), not from the portal's own querysets, and compared."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from apps.agreements.tests.factories import ContractFactory
from apps.core.money import money_with_unit
from apps.public.tests.test_pages import figures

pytestmark = pytest.mark.django_db

PUBLIC_CONTRACT = "c.is_public AND c.status <> 'draft'"


def one(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def region_clause(alias, scope):
    """A record's own province or city; a city includes its districts."""
    kind, pk = scope
    if kind == "province":
        return f"{alias}.province_id = %s", [pk]
    return (
        f"({alias}.city_id = %s OR {alias}.city_id IN "
        "(SELECT id FROM regions_city WHERE parent_id = %s))",
        [pk, pk],
    )


def sql_figures(scope, today):
    where, params = ("TRUE", []) if scope is None else region_clause("c", scope)
    contracts, value = one(
        f"SELECT count(*), sum(c.amount) FROM agreements_contract c WHERE {PUBLIC_CONTRACT} "
        f"AND {where}",
        params,
    )

    def count(table, extra="TRUE", alias="c"):
        where, params = ("TRUE", []) if scope is None else region_clause(alias, scope)
        return one(
            f"SELECT count(*) FROM {table} {alias} WHERE {alias}.is_public AND {extra} AND {where}",
            params,
        )[0]

    start_of_year = today.replace(month=1, day=1)
    last_year = (start_of_year.replace(year=today.year - 1), start_of_year)
    shown = {
        "contracts": f"{contracts:,}",
        "contracts_value": "—" if not contracts else ("withheld", value),
        "institutes": str(count("institutes_jointinstitute")),
        "funds": str(count("funds_cooperationfund")),
        "offices": str(count("offices_cooperationoffice", "c.closed_on IS NULL")),
        "events_this_year": str(
            count(
                "events_exchangeevent",
                f"c.start_on BETWEEN '{start_of_year}' AND '{today}'",
            )
        ),
        "events_last_year": str(
            count(
                "events_exchangeevent",
                f"c.start_on >= '{last_year[0]}' AND c.start_on < '{last_year[1]}'",
            )
        ),
    }
    if scope is None:
        shown["projects"] = str(count("projects_cooperationproject"))
        provinces, cities = one(
            """
            WITH places AS (
                SELECT province_id, city_id FROM agreements_cooperationagreement
                    WHERE is_public AND province_id IS NOT NULL
                UNION SELECT province_id, city_id FROM agreements_contract c
                    WHERE """
            + PUBLIC_CONTRACT
            + """
                UNION SELECT province_id, city_id FROM institutes_jointinstitute WHERE is_public
                UNION SELECT province_id, city_id FROM funds_cooperationfund WHERE is_public
                UNION SELECT province_id, city_id FROM offices_cooperationoffice WHERE is_public
                UNION SELECT province_id, city_id FROM events_exchangeevent WHERE is_public
                UNION SELECT s.province_id, s.city_id FROM projects_projectsite s
                    JOIN projects_cooperationproject p ON p.id = s.project_id WHERE p.is_public
            )
            SELECT (SELECT count(DISTINCT province_id) FROM places),
                   (SELECT count(DISTINCT coalesce(city.parent_id, city.id)) FROM places
                        JOIN regions_city city ON city.id = places.city_id
                        WHERE city.parent_id IS NOT NULL OR city.level = 'prefecture')
            """
        )
        shown["provinces"] = str(provinces)
        shown["cities"] = str(cities)
    else:
        where, params = region_clause("s", scope)
        shown["projects"] = str(
            one(
                "SELECT count(DISTINCT p.id) FROM projects_cooperationproject p "
                f"JOIN projects_projectsite s ON s.project_id = p.id WHERE p.is_public AND {where}",
                params,
            )[0]
        )
        a_where, a_params = region_clause("a", scope)
        o_where, o_params = region_clause("o", scope)
        shown["agreements"] = str(
            one(
                "SELECT count(*) FROM agreements_cooperationagreement a "
                "LEFT JOIN partners_organization o ON o.id = a.organization_id "
                f"WHERE a.is_public AND ({a_where} OR {o_where})",
                a_params + o_params,
            )[0]
        )
    return shown


def compare(page_figures, expected):
    value = expected.pop("contracts_value")
    shown_value = page_figures.pop("contracts_value")
    if value == "—":
        assert shown_value == "—"
    elif shown_value != "不公开":
        assert shown_value == money_with_unit(value[1])
    assert page_figures == expected


@pytest.fixture
def more_contracts(sample):
    # Enough contracts in Ningxia that Jiangsu's and Ningxia's values can both be published.
    for number in range(3):
        ContractFactory(
            number=f"CT-NX-extra-{number}",
            organization=sample.soil_project.partners.get(),
            amount=Decimal("2345000.50") + number,
            signed_on=datetime.date(2020, 5, 1),
        )
    return sample


@pytest.mark.parametrize(
    ("path", "scope"),
    [
        ("/", None),
        ("/regions/320000/", ("province", "jiangsu")),
        ("/regions/640000/", ("province", "ningxia")),
        ("/cities/320500/", ("city", "suzhou")),
        ("/cities/640100/", ("city", "yinchuan")),
        ("/regions/110000/", ("province", "beijing")),
    ],
)
def test_every_figure_equals_its_own_sql(client, more_contracts, path, scope):
    sample = more_contracts
    if scope is not None:
        scope = (scope[0], getattr(sample, scope[1]).pk)
    with translation.override("zh-hans"):
        expected = sql_figures(scope, sample.today)
        shown = figures(client.get(path))
    assert set(expected) == set(shown)
    compare(shown, expected)
