import datetime

import pytest

from apps.agreements.tests.factories import ContractFactory
from apps.events.tests.factories import ExchangeEventFactory
from apps.funds.tests.factories import CooperationFundFactory, FundGrantFactory
from apps.institutes.tests.factories import BranchFactory, JointInstituteFactory
from apps.outcomes.services import records_link_default_agreements
from apps.projects.models import CooperationProject
from apps.projects.tests.factories import CooperationProjectFactory, ProjectSiteFactory

D = datetime.date


@pytest.mark.django_db
def test_a_new_record_serves_its_regions_agreement_in_force_on_its_date(places, agreements):
    province, city = agreements["province"], agreements["city"]
    # In Suzhou's district during the city agreement's term: the city agreement.
    in_term = ContractFactory(
        province=places["jiangsu"], city=places["wujiang"], signed_on=D(2019, 5, 1)
    )
    # After it ended, the province-wide one; elsewhere in the province, the province-wide one.
    after = ContractFactory(
        province=places["jiangsu"], city=places["suzhou"], signed_on=D(2023, 5, 1)
    )
    wuxi = ExchangeEventFactory(city=places["wuxi"], start_on=D(2019, 5, 1))
    # Before any agreement, or in a province without one: none.
    before = ExchangeEventFactory(city=places["suzhou"], start_on=D(2009, 1, 1))
    ningxia = ContractFactory(province=places["ningxia"], city=None, signed_on=D(2019, 5, 1))
    grant = FundGrantFactory(
        fund=CooperationFundFactory(province=places["jiangsu"], city=places["suzhou"]),
        granted_on=D(2020, 1, 1),
    )
    institute = JointInstituteFactory(city=places["suzhou"], established_on=D(2011, 7, 1))
    branch = BranchFactory(
        institute=institute, city=places["wujiang"], established_on=D(2021, 3, 1)
    )
    assert in_term.agreement == city
    assert after.agreement == province
    assert wuxi.agreement == province
    assert before.agreement is None and ningxia.agreement is None
    assert grant.agreement == city
    assert (institute.agreement, branch.agreement) == (province, city)

    project = CooperationProjectFactory(started_on=D(2020, 2, 1))
    assert project.agreement is None  # placed only once it has a site
    ProjectSiteFactory(project=project, province=places["jiangsu"], city=places["suzhou"])
    project.refresh_from_db()
    assert project.agreement == city


@pytest.mark.django_db
def test_staff_choice_of_agreement_is_kept(places, agreements, staff_client):
    chosen = ContractFactory(
        province=places["jiangsu"],
        city=places["suzhou"],
        signed_on=D(2019, 5, 1),
        agreement=agreements["province"],
    )
    assert chosen.agreement == agreements["province"]
    chosen.agreement = None
    chosen.save()  # staff may also unlink: an existing record is not re-linked on save
    chosen.refresh_from_db()
    assert chosen.agreement is None


@pytest.mark.django_db
def test_backfill_links_records_entered_before_links_existed(places, agreements):
    events = [
        ExchangeEventFactory(city=places["wujiang"], start_on=D(2019, 1, day)) for day in (1, 2)
    ]
    project = CooperationProjectFactory(started_on=D(2024, 1, 1))
    ProjectSiteFactory(project=project, province=places["jiangsu"], city=places["wuxi"])
    type(events[0]).objects.update(agreement=None)
    CooperationProject.objects.update(agreement=None)

    linked = records_link_default_agreements()

    assert linked["events.ExchangeEvent"] == 2 and linked["projects.CooperationProject"] == 1
    for event in events:
        event.refresh_from_db()
        assert event.agreement == agreements["city"]
    project.refresh_from_db()
    assert project.agreement == agreements["province"]
    assert set(records_link_default_agreements().values()) == {0}
