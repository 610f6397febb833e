"""An agreement's status follows its dates (issue 21): in force, expired, renewed, terminated
(and not yet in force), the same in the database and in Python; a term or an explicit open
term; renewals; records link only to an agreement in force on their date, whatever the path."""

import datetime

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from apps.agreements.lifecycle import status_on
from apps.agreements.models import AgreementStatus, Contract, CooperationAgreement
from apps.agreements.resources import ContractResource
from apps.agreements.selectors import AgreementChooser
from apps.agreements.tests.factories import ContractFactory, CooperationAgreementFactory
from apps.core.registry import registry
from apps.events.tests.factories import ExchangeEventFactory
from apps.funds.tests.factories import FundGrantFactory
from apps.outcomes.services import record_link_default_agreement
from apps.partners.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
ON = D(2024, 6, 1)


def agreement(**fields):
    fields.setdefault("signed_on", D(2019, 1, 1))
    if "end_on" in fields:
        fields.setdefault("open_term", False)
        fields.setdefault("review_on", None)
    return CooperationAgreementFactory(**fields)


def status_both_ways(record, on):
    """The status by the database's rule and by the model's: they must agree."""
    in_database = CooperationAgreement.objects.with_status(on).get(pk=record.pk).status
    assert in_database == record.status_on(on)
    return in_database


def test_in_force_between_its_start_and_its_end_date():
    record = agreement(start_on=D(2019, 3, 1), end_on=D(2024, 2, 28))
    assert status_both_ways(record, D(2019, 3, 1)) == AgreementStatus.ACTIVE
    assert status_both_ways(record, D(2024, 2, 28)) == AgreementStatus.ACTIVE
    assert status_both_ways(record, D(2019, 2, 28)) == AgreementStatus.PENDING


def test_expired_the_day_after_its_end_date():
    record = agreement(end_on=D(2024, 2, 28))
    assert status_both_ways(record, D(2024, 2, 29)) == AgreementStatus.EXPIRED


def test_renewed_once_its_term_is_over_and_a_renewal_is_signed():
    earlier = agreement(end_on=D(2023, 12, 31))
    renewal = agreement(
        signed_on=D(2023, 11, 1), start_on=D(2024, 1, 1), end_on=D(2028, 12, 31), renews=earlier
    )
    # Signed before the end: the earlier one stays in force to its last day.
    assert status_both_ways(earlier, D(2023, 12, 31)) == AgreementStatus.ACTIVE
    assert status_both_ways(earlier, ON) == AgreementStatus.RENEWED
    assert status_both_ways(renewal, ON) == AgreementStatus.ACTIVE
    with translation.override("en"):
        assert earlier.get_status_display() == "Renewed"
    with translation.override("zh-hans"):
        assert earlier.get_status_display() == "已续签"


def test_an_open_term_runs_until_its_renewal_begins():
    open_ended = agreement(open_term=True, review_on=D(2024, 1, 1))
    assert status_both_ways(open_ended, ON) == AgreementStatus.ACTIVE
    agreement(
        signed_on=D(2024, 5, 1), start_on=D(2024, 7, 1), end_on=D(2029, 6, 30), renews=open_ended
    )
    assert status_both_ways(open_ended, ON) == AgreementStatus.ACTIVE
    assert status_both_ways(open_ended, D(2024, 7, 1)) == AgreementStatus.RENEWED


def test_terminated_from_the_date_staff_recorded():
    record = agreement(
        end_on=D(2028, 12, 31), terminated_on=D(2024, 5, 1), termination_reason="机构调整"
    )
    assert status_both_ways(record, D(2024, 4, 30)) == AgreementStatus.ACTIVE
    assert status_both_ways(record, ON) == AgreementStatus.TERMINATED


def test_the_manager_reads_todays_status_for_every_channel(client):
    record = agreement(end_on=D(2020, 12, 31), is_public=True)
    assert CooperationAgreement.objects.get(pk=record.pk).status == AgreementStatus.EXPIRED
    assert CooperationAgreement.objects.filter(status=AgreementStatus.EXPIRED).count() == 1
    api = client.get(f"/api/v1/agreements/{record.pk}/").json()
    assert api["status"] == "expired"
    page = client.get(f"/agreements/{record.number}/").content.decode()
    assert "已到期" in page and "生效中" not in page


def test_in_force_on_a_date():
    ended = agreement(end_on=D(2020, 12, 31))
    running = agreement(end_on=D(2030, 12, 31))
    assert set(CooperationAgreement.objects.in_force_on(ON)) == {running}
    assert set(CooperationAgreement.objects.in_force_on(D(2020, 6, 1))) == {ended, running}


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2018, 12, 31), AgreementStatus.PENDING),
        (D(2019, 1, 1), AgreementStatus.ACTIVE),
        (D(2030, 1, 1), AgreementStatus.EXPIRED),
    ],
)
def test_the_python_rule_alone(on, expected):
    assert (
        status_on(
            on,
            begins_on=D(2019, 1, 1),
            end_on=D(2023, 12, 31),
            terminated_on=None,
            renewed=False,
            superseded=False,
        )
        == expected
    )


# --------------------------------------------------------------------------- the term


def test_an_agreement_needs_an_end_date_or_an_open_term_with_a_review_date():
    organization = OrganizationFactory()
    record = CooperationAgreement(
        number="AGR-NO-TERM",
        title_zh="无期限协议",
        kind="comprehensive",
        province=organization.province,
        organization=organization,
        signed_on=D(2020, 1, 1),
    )
    with translation.override("zh-hans"), pytest.raises(ValidationError) as chinese:
        record.full_clean()
    assert "请填写协议的终止日期，或将其标为长期有效并填写评估日期" in str(chinese.value)
    record.open_term = True
    with translation.override("en"):
        with pytest.raises(ValidationError) as english:
            record.full_clean()
        assert "An open-term agreement needs the date it will be reviewed." in str(english.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        CooperationAgreement.objects.bulk_create([record])


def test_a_renewal_is_signed_after_the_agreement_it_renews():
    earlier = agreement(end_on=D(2023, 12, 31))
    renewal = agreement(signed_on=D(2018, 1, 1), end_on=D(2030, 1, 1))
    renewal.renews = earlier
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        renewal.full_clean()
    assert earlier.number in str(refused.value)


# --------------------------------------------------------------------------- linking


@pytest.fixture
def ended():
    return agreement(number="AGR-ENDED", start_on=D(2015, 1, 1), end_on=D(2019, 12, 31))


def test_a_contract_cannot_serve_an_agreement_ended_before_its_signature(ended):
    contract = ContractFactory.build(
        organization=ended.organization,
        department=ContractFactory().department,
        agreement=ended,
        signed_on=D(2021, 3, 1),
    )
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        contract.full_clean()
    message = " ".join(refused.value.message_dict["agreement"])
    assert "AGR-ENDED is not in force on 2021-03-01" in message
    assert "2015-01-01 to 2019-12-31" in message
    with translation.override("zh-hans"), pytest.raises(ValidationError) as chinese:
        contract.full_clean()
    assert "不在有效期内" in " ".join(chinese.value.message_dict["agreement"])


def test_events_and_grants_serve_only_an_agreement_in_force_on_their_date(ended):
    event = ExchangeEventFactory.build(
        city=ExchangeEventFactory().city, agreement=ended, start_on=D(2022, 5, 1)
    )
    event.province = event.city.province
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "agreement" in refused.value.message_dict
    grant = FundGrantFactory.build(fund=FundGrantFactory().fund, agreement=ended)
    grant.granted_on = D(2016, 1, 1)
    grant.full_clean(exclude=["fund"])
    grant.granted_on = D(2020, 1, 1)
    with pytest.raises(ValidationError) as refused:
        grant.full_clean(exclude=["fund"])
    assert "agreement" in refused.value.message_dict


def test_the_admin_refuses_the_link_and_keeps_what_was_typed(ended, staff_client):
    contract = ContractFactory(organization=ended.organization, signed_on=D(2021, 3, 1))
    url = reverse("admin:agreements_contract_change", args=[contract.pk])
    data = {
        "number": contract.number,
        "title_zh": "改过的标题",
        "kind": contract.kind,
        "status": contract.status,
        "department": contract.department_id,
        "principal_investigator": contract.principal_investigator,
        "organization": contract.organization_id,
        "province": contract.province_id,
        "city": contract.city_id or "",
        "agreement": ended.pk,
        "signed_on": "2021-03-01",
        "amount": "500000.00",
        "payments-TOTAL_FORMS": "0",
        "payments-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "协议 AGR-ENDED 在 2021-03-01 不在有效期内" in page
    assert "2015-01-01 至 2019-12-31" in page
    assert "改过的标题" in page
    contract.refresh_from_db()
    assert contract.agreement_id is None


def test_the_api_refuses_the_link_with_the_term(ended, client, staff_user):
    client.force_login(staff_user)
    contract = ContractFactory(organization=ended.organization, signed_on=D(2021, 3, 1))
    response = client.patch(
        f"/api/v1/contracts/{contract.pk}/",
        {"agreement": ended.pk},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400, response.content
    assert "2015-01-01 to 2019-12-31" in " ".join(response.json()["agreement"])
    contract.refresh_from_db()
    assert contract.agreement_id is None


def test_the_import_refuses_the_link_on_its_row(ended, staff_user):
    department = ContractFactory().department
    dataset = tablib.Dataset(
        (
            "IMP-LC-1",
            "导入合同",
            "development",
            "signed",
            department.code,
            "王教授",
            ended.organization.name_zh,
            ended.province.code,
            ended.number,
            "2021-03-01",
            "100000.00",
        ),
        headers=[
            "number",
            "title_zh",
            "kind",
            "status",
            "department",
            "principal_investigator",
            "organization",
            "province",
            "agreement",
            "signed_on",
            "amount",
        ],
    )
    with translation.override("en"):
        result = ContractResource(user=staff_user).import_data(dataset, dry_run=True)
    [row] = result.invalid_rows
    assert any("AGR-ENDED is not in force" in m for ms in row.error_dict.values() for m in ms)
    assert not Contract.objects.filter(number="IMP-LC-1").exists()


def test_the_one_save_path_refuses_too(ended, staff_user):
    contract = ContractFactory(organization=ended.organization, signed_on=D(2021, 3, 1))
    contract.agreement = ended
    with pytest.raises(ValidationError):
        registry.get(Contract).save(user=staff_user, instance=contract)


def test_automatic_linking_picks_the_agreement_in_force_on_the_date(ended):
    renewal = agreement(
        number="AGR-RENEWAL",
        organization=ended.organization,
        signed_on=D(2020, 6, 1),
        start_on=D(2020, 7, 1),
        end_on=D(2025, 6, 30),
        renews=ended,
    )
    in_gap = ContractFactory(organization=ended.organization, signed_on=D(2020, 3, 1))
    during = ContractFactory(organization=ended.organization, signed_on=D(2016, 3, 1))
    after = ContractFactory(organization=ended.organization, signed_on=D(2021, 3, 1))
    assert in_gap.agreement_id is None  # between the two terms: none in force
    assert during.agreement == ended
    assert after.agreement == renewal
    chooser = AgreementChooser(province_ids=[ended.province_id])
    assert (
        chooser.choose(province_id=ended.province_id, city_id=ended.city_id, on=D(2026, 1, 1))
        is None
    )
    unlinked = ContractFactory(organization=ended.organization, signed_on=D(2020, 3, 1))
    assert record_link_default_agreement(record=unlinked) is None
