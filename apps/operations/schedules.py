"""The default schedules of the periodic tasks, kept in the database by django-celery-beat.

Staff change them in the admin (Periodic tasks); ``ensure_schedules`` only adds a schedule
that is missing (after ``migrate`` or a test database flush) and never overwrites an edit.
To stop a reminder, disable its periodic task rather than delete it.
"""

from django.db import DEFAULT_DB_ALIAS

# name, task, minute, hour, day of week (Asia/Shanghai)
SCHEDULES = [
    (
        "Contracts ending within 30 days",
        "apps.operations.tasks.remind_contracts_ending",
        "0",
        "8",
        "*",
    ),
    ("Payments overdue", "apps.operations.tasks.remind_payments_overdue", "10", "8", "*"),
    (
        "Memberships about to lapse (and status kept current)",
        "apps.operations.tasks.remind_memberships_lapsing",
        "20",
        "8",
        "*",
    ),
    (
        "Agreements ending behind target",
        "apps.outcomes.tasks.remind_agreements_behind",
        "40",
        "8",
        "*",
    ),
    ("Weekly digest to each office", "apps.operations.tasks.send_weekly_digests", "0", "8", "1"),
    (
        "Send e-mails waiting in the outbox",
        "apps.requests.tasks.send_pending_notifications",
        "*",
        "*",
        "*",
    ),
    (
        "Delete expired imports and exports",
        "apps.operations.tasks.expire_jobs",
        "15",
        "*",
        "*",
    ),
    (
        "Technology requests waiting too long",
        "apps.requests.tasks.remind_waiting_requests",
        "30",
        "*/6",
        "*",
    ),
]


def ensure_schedules(using=DEFAULT_DB_ALIAS):
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    for name, task, minute, hour, day_of_week in SCHEDULES:
        if PeriodicTask.objects.using(using).filter(name=name).exists():
            continue
        crontab, _created = CrontabSchedule.objects.using(using).get_or_create(
            minute=minute,
            hour=hour,
            day_of_week=day_of_week,
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.using(using).create(name=name, task=task, crontab=crontab)


def ensure_schedules_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    if apps is not None:
        try:
            apps.get_model("django_celery_beat", "PeriodicTask")
            apps.get_model("operations", "ReportJob")
        except LookupError:
            return
    ensure_schedules(using=using)
