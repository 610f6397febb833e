import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.requests import services
from apps.requests.choices import Actor, NotificationKind, RequestStatus
from apps.requests.models import Notification, TechRequest

pytestmark = pytest.mark.django_db


def test_deliver_sends_each_email_once_with_the_tracking_link(submitted):
    partner_mail = submitted.notifications.get(kind=NotificationKind.PARTNER_RECEIVED)

    assert services.notification_deliver(notification_id=partner_mail.pk) is True
    assert services.notification_deliver(notification_id=partner_mail.pk) is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    token = services.request_tracking_token(tech_request=submitted)
    assert message.to == ["ma@example.com"]
    assert submitted.reference in message.subject
    assert "已收到" in message.subject
    assert f"https://coop.example.edu.cn/requests/track/{token}/" in message.body
    partner_mail.refresh_from_db()
    assert partner_mail.sent_at is not None and partner_mail.attempts == 1


def test_english_partner_gets_english_email_and_english_link(submit_kwargs, no_enqueue):
    submit_kwargs["language"] = "en"
    tech_request = services.request_submit(submission_key="en-mail", **submit_kwargs).request
    services.notifications_send_pending()

    partner = next(m for m in mail.outbox if m.to == ["ma@example.com"])
    staff = next(m for m in mail.outbox if m.to == ["triage@example.edu.cn"])
    assert partner.subject == f"Your technology request {tech_request.reference} has been received"
    assert "/en/requests/track/" in partner.body
    assert "新技术需求" in staff.subject
    assert f"/admin/requests/techrequest/{tech_request.pk}/change/" in staff.body


def test_status_email_carries_the_shared_message(submitted, staff_user):
    services.request_transition(
        tech_request=submitted,
        to_status=RequestStatus.DECLINED,
        actor=Actor.STAFF,
        user=staff_user,
        message="目前没有相关研究团队。",
    )
    services.notifications_send_pending()
    status_mail = next(m for m in mail.outbox if "未受理" in m.subject)
    assert "目前没有相关研究团队。" in status_mail.body


def test_failed_send_is_kept_and_retried_later(submitted, settings):
    settings.EMAIL_BACKEND = "apps.requests.tests.backends.FailingBackend"
    assert services.notifications_send_pending() == 0
    pending = Notification.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert all("SMTPServerDisconnected" in n.last_error for n in pending)
    assert all(n.next_attempt_at > timezone.now() for n in pending)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.notifications_send_pending() == 0  # not due yet
    pending.update(next_attempt_at=timezone.now())
    assert services.notifications_send_pending() == 2
    assert len(mail.outbox) == 2


def test_sweep_gives_up_after_the_last_attempt(submitted):
    Notification.objects.update(attempts=services.MAX_SEND_ATTEMPTS)
    assert services.notifications_send_pending() == 0
    assert mail.outbox == []


def test_sweep_spends_the_same_few_queries_on_each_email(submit_kwargs, no_enqueue):
    def sweep_queries():
        with CaptureQueriesContext(connection) as captured:
            services.notifications_send_pending()
        return len(captured.captured_queries)

    services.request_submit(submission_key="one", **submit_kwargs)
    for_two_emails = sweep_queries()
    for n in range(4):
        services.request_submit(submission_key=f"more-{n}", **submit_kwargs)
    for_eight_emails = sweep_queries()

    assert len(mail.outbox) == 10
    per_email = (for_two_emails - 1) / 2
    assert per_email <= 6
    assert for_eight_emails - 1 == 8 * per_email


@pytest.mark.django_db(transaction=True)
def test_two_senders_racing_for_one_email_send_it_once(submit_kwargs, settings, monkeypatch):
    monkeypatch.setattr(services, "enqueue_notification", lambda pk: None)
    settings.EMAIL_BACKEND = "apps.requests.tests.backends.SlowBackend"
    tech_request = services.request_submit(submission_key="race", **submit_kwargs).request
    notification = tech_request.notifications.get(kind=NotificationKind.PARTNER_RECEIVED)
    results = []

    def deliver():
        try:
            results.append(services.notification_deliver(notification_id=notification.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [False, False, False, True]
    assert len(mail.outbox) == 1


# --------------------------------------------------------------------------- reminders


def test_waiting_requests_remind_the_assignee_once_then_again_later(
    submitted, staff_user, django_user_model
):
    colleague = django_user_model.objects.create_user(
        "zhang", email="zhang@example.edu.cn", password="x", is_staff=True
    )
    services.request_assign(tech_request=submitted, user=staff_user, assignee=colleague)
    long_ago = timezone.now() - timedelta(days=5)
    TechRequest.objects.filter(pk=submitted.pk).update(status_changed_at=long_ago)

    assert list(TechRequest.objects.waiting_too_long()) == [submitted]
    assert services.requests_remind_waiting() == 1
    assert services.requests_remind_waiting() == 0
    reminder = submitted.notifications.get(kind=NotificationKind.STAFF_REMINDER)
    assert reminder.recipients == ["zhang@example.edu.cn"]

    later = timezone.now() + services.REMIND_AGAIN_AFTER + timedelta(minutes=1)
    assert services.requests_remind_waiting(now=later) == 1
    services.notifications_send_pending()
    assert any("提醒" in m.subject and m.to == ["zhang@example.edu.cn"] for m in mail.outbox)


def test_unassigned_waiting_request_reminds_the_triage_list(submitted):
    TechRequest.objects.filter(pk=submitted.pk).update(
        status_changed_at=timezone.now() - timedelta(days=4)
    )
    assert services.requests_remind_waiting() == 1
    assert submitted.notifications.get(kind=NotificationKind.STAFF_REMINDER).recipients == [
        "triage@example.edu.cn"
    ]


def test_recent_or_closed_requests_are_not_waiting(submitted, staff_user):
    assert not TechRequest.objects.waiting_too_long().exists()
    services.request_transition(
        tech_request=submitted, to_status=RequestStatus.DECLINED, actor=Actor.STAFF, user=staff_user
    )
    TechRequest.objects.filter(pk=submitted.pk).update(
        status_changed_at=timezone.now() - timedelta(days=400)
    )
    assert not TechRequest.objects.waiting_too_long().exists()
    assert services.requests_remind_waiting() == 0
