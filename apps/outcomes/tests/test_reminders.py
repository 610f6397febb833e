import datetime

import pytest
from django.core import mail
from django.utils import timezone

from apps.agreements.tests.factories import ContractFactory
from apps.operations.models import ReminderKind, ReminderLog
from apps.operations.schedules import SCHEDULES
from apps.outcomes.choices import TargetMetric
from apps.outcomes.services import agreements_remind_behind
from apps.outcomes.tests.factories import AgreementTargetFactory


@pytest.mark.django_db
def test_staff_are_reminded_once_of_an_agreement_ending_behind_target(agreements, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["kjkf@example.edu.cn"]
    today = timezone.localdate()
    ending, on_track = agreements["city"], agreements["province"]
    for agreement in (ending, on_track):
        agreement.start_on = today - datetime.timedelta(days=700)
        agreement.end_on = today + datetime.timedelta(days=30)
        agreement.open_term = False
        agreement.save()
        AgreementTargetFactory(
            agreement=agreement,
            metric=TargetMetric.CONTRACTS,
            quantity=4,
            period_start=agreement.start_on,
            period_end=agreement.end_on,
        )
    for _ in range(4):
        ContractFactory(agreement=on_track, signed_on=today - datetime.timedelta(days=100))
    ContractFactory(agreement=ending, signed_on=today - datetime.timedelta(days=100))

    assert agreements_remind_behind() == 1
    assert agreements_remind_behind() == 0  # once per agreement and end date
    [message] = mail.outbox
    assert ending.number in message.subject and "kjkf@example.edu.cn" in message.to
    assert "1" in message.body and "4" in message.body
    assert ReminderLog.objects.get().kind == ReminderKind.AGREEMENT_BEHIND_TARGET
    assert "apps.outcomes.tasks.remind_agreements_behind" in [task for _n, task, *_ in SCHEDULES]
