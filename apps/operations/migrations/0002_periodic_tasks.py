"""The reminder schedules, created once; staff change them in the admin (Periodic tasks)."""

from django.db import migrations

SCHEDULES = [
    # name, task, minute, hour, day_of_week
    ("Contracts ending within 30 days", "apps.operations.tasks.remind_contracts_ending", "0", "8", "*"),
    ("Payments overdue", "apps.operations.tasks.remind_payments_overdue", "10", "8", "*"),
    (
        "Memberships about to lapse (and status kept current)",
        "apps.operations.tasks.remind_memberships_lapsing",
        "20",
        "8",
        "*",
    ),
    ("Weekly digest to each office", "apps.operations.tasks.send_weekly_digests", "0", "8", "1"),
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, minute, hour, day_of_week in SCHEDULES:
        crontab, _created = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week=day_of_week,
            day_of_month="*",
            month_of_year="*",
            timezone="Asia/Shanghai",
        )
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "enabled": True}
        )


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[row[0] for row in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
