"""Agreements are reminded before they end (to renew them) and before their review date; a
reminder nobody could be sent is held and shown on the admin home (issue 21)."""

import datetime

import pytest
from django.core import mail

from apps.agreements.tests.factories import CooperationAgreementFactory
from apps.operations.models import ReminderKind, ReminderLog
from apps.operations.schedules import SCHEDULES
from apps.operations.services import agreements_remind_term

pytestmark = pytest.mark.django_db

ON = datetime.date(2024, 6, 1)


@pytest.fixture
def term_agreements():
    ending = CooperationAgreementFactory(
        number="AGR-ENDING", end_on=datetime.date(2024, 7, 15), signed_on=datetime.date(2019, 7, 16)
    )
    renewed = CooperationAgreementFactory(
        number="AGR-RENEWED",
        end_on=datetime.date(2024, 7, 15),
        signed_on=datetime.date(2019, 7, 16),
    )
    CooperationAgreementFactory(
        number="AGR-RENEWAL",
        renews=renewed,
        signed_on=datetime.date(2024, 5, 1),
        start_on=datetime.date(2024, 7, 16),
        end_on=datetime.date(2029, 7, 15),
    )
    review = CooperationAgreementFactory(
        number="AGR-REVIEW",
        review_on=datetime.date(2024, 7, 1),
        signed_on=datetime.date(2014, 1, 1),
    )
    far = CooperationAgreementFactory(number="AGR-FAR", end_on=datetime.date(2027, 1, 1))
    return {"ending": ending, "renewed": renewed, "review": review, "far": far}


def test_ends_without_renewal_and_reviews_are_reminded_once(term_agreements, settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["kjkf@example.edu.cn"]

    assert agreements_remind_term(on=ON) == 2
    assert agreements_remind_term(on=ON) == 0  # once per agreement and date

    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "协议 AGR-ENDING 将于 2024-07-15 到期：是否续签？",
        "协议 AGR-REVIEW 将于 2024-07-01 评估",
    ]
    review = next(m for m in mail.outbox if "AGR-REVIEW" in m.subject)
    assert "长期有效" in review.body and "kjkf@example.edu.cn" in review.to
    kinds = set(ReminderLog.objects.values_list("kind", flat=True))
    assert kinds == {ReminderKind.AGREEMENT_ENDING, ReminderKind.AGREEMENT_REVIEW}
    assert "apps.operations.tasks.remind_agreements_term" in [t for _n, t, *_ in SCHEDULES]


def test_a_reminder_without_recipient_is_flagged_on_the_admin_home(
    term_agreements, settings, staff_client
):
    settings.STAFF_NOTIFICATION_EMAILS = []

    assert agreements_remind_term(on=ON) == 0
    assert not mail.outbox
    held = ReminderLog.objects.filter(recipient="")
    assert held.count() == 2
    home = staff_client.get("/admin/").content.decode()
    assert "2 条提醒没有收件人" in home
    assert "AGR-REVIEW" in home and "AGR-ENDING" in home

    # Once someone receives reminders, the held ones go out and leave the admin home.
    settings.STAFF_NOTIFICATION_EMAILS = ["kjkf@example.edu.cn"]
    assert agreements_remind_term(on=ON) == 2
    assert not ReminderLog.objects.filter(recipient="").exists()
