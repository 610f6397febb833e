"""A reminder with nobody to receive it is not dropped: headquarters see it on the admin home,
and it goes out as soon as someone takes reminders."""

import datetime

import pytest
from django.core import mail

from apps.accounts.models import Role, StaffProfile
from apps.agreements.models import ContractStatus
from apps.agreements.tests.factories import ContractFactory
from apps.operations import services
from apps.operations.models import ReminderLog

pytestmark = pytest.mark.django_db


def test_reminder_without_recipient_is_listed_on_the_admin_home_then_sent(
    settings, staff_client, django_user_model
):
    settings.STAFF_NOTIFICATION_EMAILS = []
    today = datetime.date(2026, 3, 1)
    contract = ContractFactory(
        number="CT-NOBODY",
        status=ContractStatus.IN_PROGRESS,
        end_on=today + datetime.timedelta(days=10),
    )
    assert services.contracts_remind_ending(on=today) == 0
    held = ReminderLog.objects.get(target_id=contract.pk)
    assert held.recipient == "" and held.sent_at is None
    services.contracts_remind_ending(on=today)
    assert ReminderLog.objects.filter(target_id=contract.pk).count() == 1  # held once

    home = staff_client.get("/admin/").content.decode()
    assert "1 条提醒没有收件人" in home
    assert "CT-NOBODY" in home

    hq = django_user_model.objects.create_user(
        username="hq", email="hq@example.edu.cn", is_staff=True
    )
    StaffProfile.objects.create(user=hq, role=Role.HQ)
    assert services.contracts_remind_ending(on=today) == 1
    assert mail.outbox[-1].to == ["hq@example.edu.cn"]
    assert not ReminderLog.objects.filter(target_id=contract.pk, recipient="").exists()
    assert "没有收件人" not in staff_client.get("/admin/").content.decode()
