"""Two provinces, three cities (one with a district) and one record of every regional model in
each place; an office user for the first city, an HQ user and an auditor."""

from dataclasses import dataclass, field

import pytest
from django.db import transaction

from apps.accounts.models import Role, StaffProfile
from apps.agreements.tests.factories import (
    ContractFactory,
    CooperationAgreementFactory,
    PaymentFactory,
)
from apps.events.tests.factories import ExchangeEventFactory
from apps.funds.tests.factories import (
    CooperationFundFactory,
    FundContributionFactory,
    FundGrantFactory,
)
from apps.institutes.tests.factories import BranchFactory, JointInstituteFactory
from apps.offices.tests.factories import CooperationOfficeFactory, PracticeBaseFactory
from apps.partners.tests.factories import MembershipFactory, OrganizationFactory
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory
from apps.regions.models import CityLevel
from apps.regions.tests.factories import CityFactory, ProvinceFactory


def records_in(city, *, public=False):
    """One record of every regional model in ``city``, keyed by model label."""
    province = city.province
    where = {"province": province, "city": city}
    organization = OrganizationFactory(is_public=public, **where)
    contract = ContractFactory(organization=organization, is_public=public, **where)
    fund = CooperationFundFactory(is_public=public, **where)
    institute = JointInstituteFactory(is_public=public, **where)
    office = CooperationOfficeFactory(is_public=public, **where)
    project = CooperationProjectFactory(is_public=public)
    records = {
        "partners.Organization": organization,
        "partners.Membership": MembershipFactory(organization=organization, is_public=public),
        "agreements.CooperationAgreement": CooperationAgreementFactory(
            organization=organization, is_public=public, **where
        ),
        "agreements.Contract": contract,
        "agreements.Payment": PaymentFactory(contract=contract),
        "funds.CooperationFund": fund,
        "funds.FundContribution": FundContributionFactory(fund=fund),
        "funds.FundGrant": FundGrantFactory(fund=fund),
        "institutes.JointInstitute": institute,
        "institutes.Branch": BranchFactory(institute=institute, city=city),
        "offices.CooperationOffice": office,
        "offices.PracticeBase": PracticeBaseFactory(office=office),
        "projects.CooperationProject": project,
        "projects.ProjectSite": ProjectSiteFactory(project=project, **where),
        "events.ExchangeEvent": ExchangeEventFactory(is_public=public, **where),
    }
    return records


@dataclass
class World:
    home_province: object
    far_province: object
    home_city: object
    home_district: object
    near_city: object
    far_city: object
    home: dict = field(default_factory=dict)
    district: dict = field(default_factory=dict)
    near: dict = field(default_factory=dict)
    far: dict = field(default_factory=dict)

    def own(self, label):
        return {self.home[label].pk, self.district[label].pk}

    def others(self, label):
        return {self.near[label].pk, self.far[label].pk}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Made once per test module inside a transaction that is rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_world()
        transaction.set_rollback(True)


def make_world():
    home_province = ProvinceFactory(name_zh="江南省", name_en="Jiangnan")
    far_province = ProvinceFactory(name_zh="塞北省", name_en="Saibei")
    home_city = CityFactory(province=home_province, name_zh="姑苏市", name_en="Gusu")
    home_district = CityFactory(
        province=home_province,
        parent=home_city,
        level=CityLevel.COUNTY,
        name_zh="吴江区",
        name_en="Wujiang",
    )
    near_city = CityFactory(province=home_province, name_zh="金陵市", name_en="Jinling")
    far_city = CityFactory(province=far_province, name_zh="云中市", name_en="Yunzhong")
    return World(
        home_province=home_province,
        far_province=far_province,
        home_city=home_city,
        home_district=home_district,
        near_city=near_city,
        far_city=far_city,
        home=records_in(home_city),
        district=records_in(home_district),
        near=records_in(near_city),
        far=records_in(far_city, public=True),
    )


def make_staff(django_user_model, username, role, **region):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.edu.cn", password=None, is_staff=True
    )
    StaffProfile.objects.create(user=user, role=role, **region)
    return user


@pytest.fixture
def office_user(world, db, django_user_model):
    return make_staff(django_user_model, "gusu-office", Role.OFFICE, city=world.home_city)


@pytest.fixture
def province_user(world, db, django_user_model):
    return make_staff(
        django_user_model, "jiangnan-office", Role.OFFICE, province=world.home_province
    )


@pytest.fixture
def hq_user(db, django_user_model):
    return make_staff(django_user_model, "hq-staff", Role.HQ)


@pytest.fixture
def auditor(db, django_user_model):
    return make_staff(django_user_model, "auditor", Role.AUDITOR)


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client
