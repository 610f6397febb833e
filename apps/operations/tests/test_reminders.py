"""The periodic tasks, run by a real Celery worker against Redis, send the right reminders to
the right people, once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.models import Role, StaffProfile
from apps.agreements.models import ContractStatus
from apps.agreements.tests.factories import ContractFactory, PaymentFactory
from apps.offices.tests.factories import CooperationOfficeFactory
from apps.operations import tasks
from apps.operations.models import ReminderLog
from apps.partners.models import MembershipStatus
from apps.partners.tests.factories import MembershipFactory, OrganizationFactory
from apps.regions.models import CityLevel
from apps.regions.tests.factories import CityFactory, ProvinceFactory

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def places():
    home = ProvinceFactory(name_zh="江南省")
    other = ProvinceFactory(name_zh="塞北省")
    lonely = ProvinceFactory(name_zh="无人省")
    gusu = CityFactory(province=home, name_zh="姑苏市")
    return {
        "gusu": gusu,
        "wujiang": CityFactory(
            province=home, parent=gusu, level=CityLevel.COUNTY, name_zh="吴江区"
        ),
        "yunzhong": CityFactory(province=other, name_zh="云中市"),
        "nowhere": CityFactory(province=lonely, name_zh="远方市"),
    }


def staff(django_user_model, name, role, **region):
    user = django_user_model.objects.create_user(
        username=name, email=f"{name}@example.edu.cn", is_staff=True
    )
    StaffProfile.objects.create(user=user, role=role, **region)
    return user


@pytest.fixture
def people(places, django_user_model):
    return {
        "gusu": staff(django_user_model, "gusu", Role.OFFICE, city=places["gusu"]),
        "saibei": staff(
            django_user_model, "saibei", Role.OFFICE, province=places["yunzhong"].province
        ),
        "hq": staff(django_user_model, "hq", Role.HQ),
        "auditor": staff(django_user_model, "auditor", Role.AUDITOR),
    }


def contract_in(city, number, **fields):
    organization = OrganizationFactory(city=city, province=city.province)
    return ContractFactory(
        number=number, organization=organization, city=city, province=city.province, **fields
    )


def sent(subject_part=""):
    return sorted(
        (message.to[0], message.subject)
        for message in mail.outbox
        if subject_part in message.subject
    )


def test_contracts_ending_within_30_days_remind_their_region_once(places, people, run_on_worker):
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=10)
    contract_in(places["wujiang"], "END-GUSU", end_on=soon)
    contract_in(places["gusu"], "END-LATER", end_on=today + datetime.timedelta(days=45))
    contract_in(places["gusu"], "END-DONE", end_on=soon, status=ContractStatus.COMPLETED)
    contract_in(places["yunzhong"], "END-SAIBEI", end_on=today + datetime.timedelta(days=5))
    contract_in(places["nowhere"], "END-NOBODY", end_on=today + datetime.timedelta(days=3))

    assert run_on_worker(tasks.remind_contracts_ending) == 3
    assert [(to, subject.split()[1]) for to, subject in sent()] == [
        ("gusu@example.edu.cn", "END-GUSU"),
        ("hq@example.edu.cn", "END-NOBODY"),
        ("saibei@example.edu.cn", "END-SAIBEI"),
    ]
    assert "END-GUSU" in mail.outbox[0].body or "END-GUSU" in " ".join(m.body for m in mail.outbox)

    assert run_on_worker(tasks.remind_contracts_ending) == 0
    assert len(mail.outbox) == 3
    assert ReminderLog.objects.filter(sent_at__isnull=False).count() == 3


def test_overdue_payments_remind_once_and_again_when_the_due_date_moves(
    places, people, run_on_worker
):
    today = timezone.localdate()
    contract = contract_in(places["gusu"], "PAY-GUSU")
    late = PaymentFactory(
        contract=contract, instalment=1, due_on=today - datetime.timedelta(days=5), received_on=None
    )
    PaymentFactory(
        contract=contract, instalment=2, due_on=today + datetime.timedelta(days=5), received_on=None
    )
    PaymentFactory(contract=contract, instalment=3, due_on=today - datetime.timedelta(days=9))
    far = contract_in(places["yunzhong"], "PAY-SAIBEI")
    PaymentFactory(
        contract=far, instalment=1, due_on=today - datetime.timedelta(days=1), received_on=None
    )

    assert run_on_worker(tasks.remind_payments_overdue) == 2
    assert sent() == [
        ("gusu@example.edu.cn", "款项逾期：合同 PAY-GUSU 第 1 期"),
        ("saibei@example.edu.cn", "款项逾期：合同 PAY-SAIBEI 第 1 期"),
    ]
    assert run_on_worker(tasks.remind_payments_overdue) == 0

    late.due_on = today - datetime.timedelta(days=2)
    late.save()
    assert run_on_worker(tasks.remind_payments_overdue) == 1
    assert len(mail.outbox) == 3


def test_memberships_are_kept_current_and_lapsing_ones_remind_once(places, people, run_on_worker):
    today = timezone.localdate()
    member = OrganizationFactory(city=places["gusu"], province=places["gusu"].province)
    lapsing = MembershipFactory(
        organization=member,
        joined_on=today - datetime.timedelta(days=400),
        valid_until=today + datetime.timedelta(days=20),
    )
    gone = MembershipFactory(
        organization=OrganizationFactory(city=places["gusu"], province=places["gusu"].province),
        joined_on=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=1),
    )
    renewed = MembershipFactory(
        organization=OrganizationFactory(
            city=places["yunzhong"], province=places["yunzhong"].province
        ),
        joined_on=today - datetime.timedelta(days=400),
        valid_until=today + datetime.timedelta(days=500),
        status=MembershipStatus.PENDING_RENEWAL,
    )

    assert run_on_worker(tasks.remind_memberships_lapsing) == 1
    lapsing.refresh_from_db()
    gone.refresh_from_db()
    renewed.refresh_from_db()
    assert lapsing.status == MembershipStatus.PENDING_RENEWAL
    assert gone.status == MembershipStatus.LAPSED
    assert renewed.status == MembershipStatus.ACTIVE
    assert gone.history.first().history_change_reason
    assert sent() == [
        ("gusu@example.edu.cn", f"{member.name_zh}的会员资格将于 {lapsing.valid_until} 到期")
    ]
    assert run_on_worker(tasks.remind_memberships_lapsing) == 0
    assert len(mail.outbox) == 1


def test_weekly_digest_goes_to_each_office_once_a_week(places, people, run_on_worker):
    today = timezone.localdate()
    office = CooperationOfficeFactory(
        city=places["gusu"],
        province=places["gusu"].province,
        name_zh="姑苏办事处",
        contact_email="office@gusu.example.cn",
    )
    CooperationOfficeFactory(
        city=places["yunzhong"], province=places["yunzhong"].province, name_zh="云中办事处"
    )
    CooperationOfficeFactory(
        city=places["nowhere"],
        province=places["nowhere"].province,
        name_zh="已撤销办事处",
        contact_email="closed@example.cn",
        closed_on=today - datetime.timedelta(days=30),
    )
    contract_in(places["wujiang"], "DIG-ENDING", end_on=today + datetime.timedelta(days=12))
    contract_in(places["yunzhong"], "DIG-ELSEWHERE", end_on=today + datetime.timedelta(days=12))

    assert run_on_worker(tasks.send_weekly_digests) == 3
    assert [to for to, _subject in sent()] == [
        "gusu@example.edu.cn",
        "office@gusu.example.cn",
        "saibei@example.edu.cn",
    ]
    gusu_digest = next(m for m in mail.outbox if m.to == ["office@gusu.example.cn"])
    assert office.name_zh in gusu_digest.subject
    assert "DIG-ENDING" in gusu_digest.body
    assert "DIG-ELSEWHERE" not in gusu_digest.body
    assert run_on_worker(tasks.send_weekly_digests) == 0
    assert len(mail.outbox) == 3


def test_requests_waiting_too_long_remind_their_region_staff_once(
    places, people, settings, run_on_worker
):
    from apps.requests import tasks as request_tasks
    from apps.requests.tests.factories import TechRequestFactory

    settings.STAFF_NOTIFICATION_EMAILS = ["requests-desk@example.edu.cn"]
    waiting = TechRequestFactory(province=places["gusu"].province, city=places["gusu"])
    type(waiting).objects.filter(pk=waiting.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=30)
    )
    run_on_worker(request_tasks.remind_waiting_requests)
    run_on_worker(request_tasks.send_pending_notifications)
    # The office staff of the request's city, by the one recipients rule; not the desk.
    reminders = [m for m in mail.outbox if m.to == [people["gusu"].email]]
    assert len(reminders) == 1
    assert not [m for m in mail.outbox if m.to == ["requests-desk@example.edu.cn"]]
    run_on_worker(request_tasks.remind_waiting_requests)
    run_on_worker(request_tasks.send_pending_notifications)
    assert len([m for m in mail.outbox if m.to == [people["gusu"].email]]) == 1
