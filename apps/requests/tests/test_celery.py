"""A real Celery worker on the real Redis delivers the emails; a dead broker loses nothing.

The worker runs in a thread of this process (``celery.contrib.testing.worker``), so Django's
locmem email backend is the outer edge both sides see; the tests are transactional so the
worker's own database connection sees what the test committed.
"""

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.urls import reverse
from kombu import pools

from apps.core.tests.waiting import READY_LIMIT, worker_stopped
from apps.core.tests.waiting import wait_until as wait_for_worker
from apps.requests import services, tasks
from apps.requests.choices import Actor, NotificationKind, RequestStatus
from apps.requests.models import Notification, TechRequest
from tsinghua_coop.celery import app

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

DEAD_BROKER = "redis://127.0.0.1:1/0"


def configure(**values):
    """Set Celery settings; the Django-namespaced key (CELERY_…) wins, so set both."""
    for key, value in values.items():
        app.conf[key] = value
        app.conf[f"CELERY_{key.upper()}"] = value


def use_broker(url):
    """Point the app's producers at another broker (what a restart with new settings does)."""
    configure(broker_url=url)
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_broker(settings):
    url = settings.REDIS_URL
    if not url:
        pytest.fail("The Celery tests need a real Redis: set REDIS_URL (scripts/test does).")
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    configure(task_always_eager=False, result_backend=None)
    use_broker(url)
    yield url
    configure(**saved)
    use_broker(saved["broker_url"])


@pytest.fixture
def worker(redis_broker):
    app.control.purge()
    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=READY_LIMIT
    ) as running:
        yield running


@pytest.fixture
def finished_tasks():
    """Ids of the tasks the worker has finished, to wait for one without guessing a delay."""
    done = {}

    def record(task_id=None, task=None, retval=None, **kwargs):
        done[task_id] = retval

    task_postrun.connect(record, weak=False)

    def wait_for(task_id, worker):
        wait_for_worker(
            lambda: task_id in done,
            what=f"task {task_id} did not finish",
            died=worker_stopped(worker),
        )
        return done[task_id]

    yield wait_for
    task_postrun.disconnect(record)


def wait_until(predicate, what, worker):
    wait_for_worker(
        predicate, what=f"gave up waiting for {what}", died=worker_stopped(worker), interval=0.05
    )


def all_sent():
    return not Notification.objects.filter(sent_at__isnull=True).exists()


def test_worker_sends_each_email_once_for_the_form_and_for_status_changes(
    client, form_data, staff_user, worker, finished_tasks
):
    response = client.post(reverse("requests:submit"), form_data)
    assert response.status_code == 302

    wait_until(
        lambda: len(mail.outbox) == 2 and all_sent(), "the worker to send two emails", worker
    )
    tech_request = TechRequest.objects.get()
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    partner = by_recipient[("ma@example.com",)]
    assert tech_request.reference in partner.subject
    token = services.request_tracking_token(tech_request=tech_request)
    assert f"/requests/track/{token}/" in partner.body
    assert tech_request.reference in by_recipient[("triage@example.edu.cn",)].subject

    # The broker may deliver a task twice: the second run finds the email sent and stops.
    partner_mail = tech_request.notifications.get(kind=NotificationKind.PARTNER_RECEIVED)
    repeated = tasks.send_notification.delay(partner_mail.pk)
    assert finished_tasks(repeated.id, worker) is False
    assert len(mail.outbox) == 2

    services.request_transition(
        tech_request=tech_request,
        to_status=RequestStatus.UNDER_REVIEW,
        actor=Actor.STAFF,
        user=staff_user,
        message="已安排专家评估。",
    )
    wait_until(lambda: len(mail.outbox) == 3, "the status email", worker)
    assert mail.outbox[2].to == ["ma@example.com"]
    assert "审核中" in mail.outbox[2].subject
    assert "已安排专家评估。" in mail.outbox[2].body


def test_dead_broker_keeps_the_request_and_sends_once_it_is_back(
    client, form_data, settings, redis_broker, finished_tasks
):
    # Redis is gone: the broker and the cache (the rate limit's counters) both point nowhere.
    use_broker(DEAD_BROKER)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_BROKER,
        }
    }

    response = client.post(reverse("requests:submit"), form_data, follow=True)

    assert response.status_code == 200
    tech_request = TechRequest.objects.get()
    assert tech_request.reference in response.content.decode()
    assert "您的需求已收到" in response.content.decode()
    assert mail.outbox == []
    assert Notification.objects.filter(sent_at__isnull=True).count() == 2

    # Redis is back: the periodic sweep (as beat would send it) delivers what waited.
    use_broker(redis_broker)
    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=READY_LIMIT
    ) as running:
        sweep = tasks.send_pending_notifications.delay()
        assert finished_tasks(sweep.id, running) == 2
        again = tasks.send_pending_notifications.delay()
        assert finished_tasks(again.id, running) == 0

    assert sorted(tuple(message.to) for message in mail.outbox) == [
        ("ma@example.com",),
        ("triage@example.edu.cn",),
    ]
    assert all_sent()


def test_outbox_sweep_and_waiting_reminders_are_scheduled():
    from django_celery_beat.models import PeriodicTask

    scheduled = PeriodicTask.objects.filter(enabled=True).values_list("task", flat=True)
    app.loader.import_default_modules()
    for task in ("send_pending_notifications", "remind_waiting_requests"):
        name = f"apps.requests.tasks.{task}"
        assert name in scheduled
        assert name in app.tasks
