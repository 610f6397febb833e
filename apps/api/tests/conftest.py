import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.agreements.models import ScopeArea
from apps.agreements.tests.factories import (
    ContractFactory,
    CooperationAgreementFactory,
    PaymentFactory,
)
from apps.core.tests.factories import DepartmentFactory, MilestoneFactory
from apps.events.tests.factories import ExchangeEventFactory
from apps.funds.tests.factories import (
    CooperationFundFactory,
    FundContributionFactory,
    FundGrantFactory,
)
from apps.institutes.tests.factories import BranchFactory, JointInstituteFactory
from apps.offices.models import Duty
from apps.offices.tests.factories import CooperationOfficeFactory, PracticeBaseFactory
from apps.partners.tests.factories import MembershipFactory, OrganizationFactory
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory
from apps.regions.tests.factories import CityFactory

# The permissions of the "limited" staff user: sees contracts and agreements in full, may add
# and change events, and has no permission at all on payments, funds or offices.
LIMITED_PERMISSIONS = [
    "agreements.view_contract",
    "agreements.view_cooperationagreement",
    "events.view_exchangeevent",
    "events.add_exchangeevent",
    "events.change_exchangeevent",
]


def _user(django_user_model, username, *, permissions=(), superuser=False):
    # No password: hashing one costs more than the rest of a test, and tokens/sessions suffice.
    if superuser:
        return django_user_model.objects.create_superuser(
            username=username, email=f"{username}@example.edu.cn", password=None
        )
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.edu.cn", password=None, is_staff=True
    )
    for dotted in permissions:
        app_label, codename = dotted.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def superuser(django_user_model):
    return _user(django_user_model, "api-root", superuser=True)


@pytest.fixture
def admin_api(superuser):
    """A superuser authenticated by token, as an integrator would be."""
    client = APIClient()
    token = Token.objects.create(user=superuser)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def limited_user(django_user_model):
    return _user(django_user_model, "api-limited", permissions=LIMITED_PERMISSIONS)


@pytest.fixture
def limited_api(limited_user):
    """A staff member with a few model permissions, logged in by session."""
    client = APIClient()
    client.force_login(limited_user)
    return client


@dataclass
class World:
    """One public and one hidden record of every resource, with their children."""

    public: dict
    hidden: dict


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once per module in a transaction rolled back after it; each test's own changes
    roll back to a savepoint (tests still ask for ``db``)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _build_world():
    city = CityFactory()
    department = DepartmentFactory()
    organization = OrganizationFactory(city=city, province=city.province)
    hidden_organization = OrganizationFactory(city=city, province=city.province, is_public=False)
    scope = ScopeArea.objects.create(code="talent", name_zh="人才培养", name_en="Talent training")
    duty = Duty.objects.create(code="liaison", position=1, text_zh="联络", text_en="Liaison")

    agreement = CooperationAgreementFactory(organization=organization)
    agreement.scope_areas.add(scope)
    office = CooperationOfficeFactory(
        city=city,
        contact_name="李老师",
        contact_phone="010-62780000",
        contact_email="li@example.edu.cn",
    )
    office.duties.add(duty)
    PracticeBaseFactory(office=office)
    contract = ContractFactory(
        organization=organization,
        department=department,
        agreement=agreement,
        office=office,
        amount=Decimal("1234567.89"),
        principal_investigator="王教授",
    )
    PaymentFactory(contract=contract, instalment=1, amount=Decimal("1000.00"))
    fund = CooperationFundFactory(city=city, government=organization)
    FundContributionFactory(fund=fund)
    project = CooperationProjectFactory(department=department)
    project.partners.add(organization)
    ProjectSiteFactory(project=project, city=city)
    FundGrantFactory(fund=fund, project=project, department=department)
    institute = JointInstituteFactory(city=city, partner=organization)
    BranchFactory(institute=institute)
    event = ExchangeEventFactory(city=city, office=office, department=department)
    milestone = MilestoneFactory(department=department)
    membership = MembershipFactory(organization=organization, annual_fee=Decimal("50000.00"))

    hidden_kwargs = {"is_public": False}
    hidden_contract = ContractFactory(
        organization=organization, department=department, **hidden_kwargs
    )
    public = {
        "departments": department,
        "milestones": milestone,
        "organizations": organization,
        "memberships": membership,
        "agreements": agreement,
        "contracts": contract,
        "funds": fund,
        "institutes": institute,
        "offices": office,
        "projects": project,
        "events": event,
    }
    hidden = {
        "departments": DepartmentFactory(**hidden_kwargs),
        "milestones": MilestoneFactory(**hidden_kwargs),
        "organizations": hidden_organization,
        "memberships": MembershipFactory(
            organization=organization, joined_on=datetime.date(2010, 1, 1), **hidden_kwargs
        ),
        "agreements": CooperationAgreementFactory(organization=organization, **hidden_kwargs),
        "contracts": hidden_contract,
        "funds": CooperationFundFactory(city=city, **hidden_kwargs),
        "institutes": JointInstituteFactory(city=city, **hidden_kwargs),
        "offices": CooperationOfficeFactory(city=city, **hidden_kwargs),
        "projects": CooperationProjectFactory(department=department, **hidden_kwargs),
        "events": ExchangeEventFactory(city=city, **hidden_kwargs),
    }
    return World(public=public, hidden=hidden)
