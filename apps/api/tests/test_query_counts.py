"""Every list endpoint answers with the same number of queries for 1 row and for hundreds."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.tests.conftest import factory_for
from apps.agreements.models import Contract, CooperationAgreement, Payment, ScopeArea
from apps.api.urls import router
from apps.core.models import Department, Milestone
from apps.events.models import ExchangeEvent
from apps.figures.release import release_figures
from apps.funds.models import CooperationFund, FundContribution, FundGrant
from apps.institutes.models import Branch, JointInstitute
from apps.offices.models import CooperationOffice, Duty, PracticeBase
from apps.partners.models import Membership, Organization
from apps.projects.models import CooperationProject, ProjectSite
from apps.regions.models import City, CityLevel, Province, Zone
from apps.requests.models import TechRequest

pytestmark = pytest.mark.django_db

MANY = 300
DAY = datetime.timedelta(days=1)
START = datetime.date(2015, 1, 1)


@dataclass
class Base:
    province: Province
    city: City
    department: Department
    organization: Organization
    office: CooperationOffice
    scope: ScopeArea
    duty: Duty
    zone: Zone


@pytest.fixture
def base():
    province = Province.objects.create(
        code="890000",
        name_zh="基准省",
        short_name_zh="基",
        name_en="Base",
        kind="province",
        macro_region="east",
    )
    city = City.objects.create(
        code="890100",
        province=province,
        level=CityLevel.PREFECTURE,
        name_zh="基准市",
        name_en="Base City",
    )
    department = Department.objects.create(code="base-dept", name_zh="基准系")
    organization = Organization.objects.create(
        kind="enterprise", name_zh="基准企业", province=province, city=city
    )
    office = CooperationOffice.objects.create(
        code="base-office", name_zh="基准办公室", province=province, city=city, opened_on=START
    )
    scope = ScopeArea.objects.create(code="base-scope", name_zh="范围", name_en="Scope")
    duty = Duty.objects.create(code="base-duty", position=1, text_zh="职责", text_en="Duty")
    zone = Zone.objects.create(code="base-zone", kind="economic_zone", name_zh="区", name_en="Z")
    return Base(province, city, department, organization, office, scope, duty, zone)


def _provinces(base, start, count):
    created = Province.objects.bulk_create(
        Province(
            code=f"{10 + index:02d}0000",
            name_zh=f"省{index}",
            short_name_zh=f"省{index}",
            name_en=f"Province {index}",
            kind="province",
            macro_region="north",
        )
        for index in range(start, start + count)
    )
    Zone.provinces.through.objects.bulk_create(
        Zone.provinces.through(zone=base.zone, province=province) for province in created
    )


def _cities(base, start, count):
    City.objects.bulk_create(
        City(
            code=f"89{index + 200:04d}",
            province=base.province,
            parent=base.city,
            level=CityLevel.COUNTY,
            name_zh=f"区{index}",
            name_en=f"District {index}",
        )
        for index in range(start, start + count)
    )


def _departments(base, start, count):
    Department.objects.bulk_create(
        Department(code=f"dept-bulk-{index}", name_zh=f"系{index}")
        for index in range(start, start + count)
    )


def _milestones(base, start, count):
    Milestone.objects.bulk_create(
        Milestone(
            happened_on=START + index * DAY, title_zh=f"事件{index}", department=base.department
        )
        for index in range(start, start + count)
    )


def _organizations(base, start, count):
    Organization.objects.bulk_create(
        Organization(
            kind="enterprise", name_zh=f"企业{index}", province=base.province, city=base.city
        )
        for index in range(start, start + count)
    )


def _memberships(base, start, count):
    Membership.objects.bulk_create(
        Membership(
            organization=base.organization,
            tier="regular",
            joined_on=START + index * DAY,
            valid_until=START + (index + 365) * DAY,
            annual_fee=Decimal("1000.00"),
        )
        for index in range(start, start + count)
    )


def _agreements(base, start, count):
    created = CooperationAgreement.objects.bulk_create(
        CooperationAgreement(
            number=f"AGR-B-{index}",
            title_zh=f"协议{index}",
            kind="specific",
            province=base.province,
            city=base.city,
            organization=base.organization,
            signed_on=START,
            open_term=True,
            review_on=START,
        )
        for index in range(start, start + count)
    )
    through = CooperationAgreement.scope_areas.through
    through.objects.bulk_create(
        through(cooperationagreement=agreement, scopearea=base.scope) for agreement in created
    )


def _contracts(base, start, count):
    created = Contract.objects.bulk_create(
        Contract(
            number=f"CT-B-{index}",
            title_zh=f"合同{index}",
            kind="service",
            department=base.department,
            principal_investigator="钱教授",
            organization=base.organization,
            province=base.province,
            city=base.city,
            office=base.office,
            signed_on=START,
            amount=Decimal("10000.00"),
        )
        for index in range(start, start + count)
    )
    Payment.objects.bulk_create(
        Payment(contract=contract, instalment=1, amount=Decimal("10.00"), received_on=START)
        for contract in created
    )


def _funds(base, start, count):
    created = CooperationFund.objects.bulk_create(
        CooperationFund(
            code=f"fund-b-{index}",
            name_zh=f"基金{index}",
            province=base.province,
            city=base.city,
            government=base.organization,
            established_on=START,
            committed_amount=Decimal("100.00"),
        )
        for index in range(start, start + count)
    )
    FundContribution.objects.bulk_create(
        FundContribution(
            fund=fund,
            party="government",
            organization=base.organization,
            amount=1,
            contributed_on=START,
        )
        for fund in created
    )
    FundGrant.objects.bulk_create(
        FundGrant(fund=fund, title="资助", department=base.department, amount=1, granted_on=START)
        for fund in created
    )


def _institutes(base, start, count):
    created = JointInstitute.objects.bulk_create(
        JointInstitute(
            code=f"inst-b-{index}",
            name_zh=f"研究院{index}",
            kind="regional",
            province=base.province,
            city=base.city,
            partner=base.organization,
            established_on=START,
        )
        for index in range(start, start + count)
    )
    Branch.objects.bulk_create(
        Branch(institute=institute, name_zh="分院", city=base.city) for institute in created
    )


def _offices(base, start, count):
    created = CooperationOffice.objects.bulk_create(
        CooperationOffice(
            code=f"office-b-{index}",
            name_zh=f"办公室{index}",
            province=base.province,
            city=base.city,
            opened_on=START,
        )
        for index in range(start, start + count)
    )
    through = CooperationOffice.duties.through
    through.objects.bulk_create(
        through(cooperationoffice=office, duty=base.duty) for office in created
    )
    PracticeBase.objects.bulk_create(
        PracticeBase(office=office, kind="graduate_practice", name_zh="基地") for office in created
    )


def _projects(base, start, count):
    created = CooperationProject.objects.bulk_create(
        CooperationProject(
            code=f"proj-b-{index}", title_zh=f"项目{index}", department=base.department
        )
        for index in range(start, start + count)
    )
    ProjectSite.objects.bulk_create(
        ProjectSite(project=project, province=base.province, city=base.city) for project in created
    )
    through = CooperationProject.partners.through
    through.objects.bulk_create(
        through(cooperationproject=project, organization=base.organization) for project in created
    )


def _events(base, start, count):
    ExchangeEvent.objects.bulk_create(
        ExchangeEvent(
            code=f"ev-b-{index}",
            title_zh=f"活动{index}",
            kind="forum",
            start_on=START,
            province=base.province,
            city=base.city,
            office=base.office,
            department=base.department,
            participants=10,
        )
        for index in range(start, start + count)
    )


def _requests(base, start, count):
    TechRequest.objects.bulk_create(
        TechRequest(
            reference=f"TR-B-{index}",
            submission_key=f"bulk-key-{index}",
            tracking_salt="salt",
            tracking_token_hash=f"hash-{index}",
            organization_name="企业",
            organization_kind="private",
            contact_name="联系人",
            email="partner@example.com",
            phone="010-1",
            province=base.province,
            city=base.city,
            industry="energy",
            title="需求",
            description="描述",
            cooperation_kind="service",
            budget_range="undecided",
            timeline="flexible",
            consent_to_contact=True,
            assigned_department=base.department,
            assigned_office=base.office,
        )
        for index in range(start, start + count)
    )


BUILDERS = {
    "provinces": (_provinces, 60),
    "cities": (_cities, MANY),
    "departments": (_departments, MANY),
    "milestones": (_milestones, MANY),
    "organizations": (_organizations, MANY),
    "memberships": (_memberships, MANY),
    "agreements": (_agreements, MANY),
    "contracts": (_contracts, MANY),
    "payments": (_contracts, MANY),
    "funds": (_funds, MANY),
    "institutes": (_institutes, MANY),
    "offices": (_offices, MANY),
    "projects": (_projects, MANY),
    "events": (_events, MANY),
    "requests": (_requests, MANY),
}


def _by_factory(resource):
    """A resource with no builder above grows by its record type's factory (the convention
    ``<app>.tests.factories.<Model>Factory``), its rows in the base's place: a record type
    added to the registry has rows to grow with no change here."""
    viewset = next(v for prefix, v, _basename in router.registry if prefix == resource)
    model = viewset.queryset.model
    make = factory_for(model)
    names = {field.name for field in model._meta.concrete_fields}

    def build(base, start, count):
        place = {"province": base.province, "city": base.city}
        make.create_batch(count, **{name: value for name, value in place.items() if name in names})

    return build, MANY


def builder(resource):
    return BUILDERS[resource] if resource in BUILDERS else _by_factory(resource)


LIST_RESOURCES = sorted(
    prefix for prefix, _viewset, _basename in router.registry if not prefix.startswith("stats/")
)
STAFF_ONLY = {"payments", "requests"}
CASES = [
    (resource, who)
    for resource in LIST_RESOURCES
    for who in ("anonymous", "admin_api")
    if not (resource in STAFF_ONLY and who == "anonymous")
]


def rows_listed(client, resource):
    response = client.get(f"/api/v1/{resource}/", {"page_size": 500})
    assert response.status_code == 200, response.content
    return len(response.json()["results"])


def test_every_list_endpoint_of_the_router_has_rows_to_grow():
    assert set(BUILDERS) <= set(LIST_RESOURCES)
    for resource in LIST_RESOURCES:
        build, many = builder(resource)
        assert callable(build) and many > 1


@pytest.mark.parametrize(("resource", "who"), CASES)
def test_list_query_count_does_not_grow_with_rows(
    request, base, django_assert_max_num_queries, resource, who
):
    client = request.getfixturevalue(who)
    build, many = builder(resource)
    build(base, 0, 1)
    client.get(f"/api/v1/{resource}/")  # warm the session/token and permission caches
    with CaptureQueriesContext(connection) as few:
        few_rows = rows_listed(client, resource)

    build(base, 1, many - 1)
    with django_assert_max_num_queries(len(few)):
        many_rows = rows_listed(client, resource)

    assert many_rows - few_rows == many - 1


@pytest.mark.parametrize("resource", ["contracts", "projects", "events", "funds"])
def test_stats_query_count_does_not_grow_with_rows(anonymous, base, resource):
    build, many = builder(resource)
    release_figures()  # a deployment's first figures are released with its first build
    build(base, 0, 1)
    with CaptureQueriesContext(connection) as few:
        anonymous.get(f"/api/v1/stats/{resource}/", {"group_by": "city"})
    build(base, 1, many - 1)
    with CaptureQueriesContext(connection) as lots:
        response = anonymous.get(f"/api/v1/stats/{resource}/", {"group_by": "city"})

    assert response.json()[0]["count"] == many
    assert len(lots) == len(few)
