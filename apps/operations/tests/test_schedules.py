"""The reminder schedules live in the database (django-celery-beat), editable in the admin."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_schedules_are_in_the_database_and_name_registered_tasks():
    from django_celery_beat.models import PeriodicTask

    from tsinghua_coop.celery import app

    names = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {
        "apps.operations.tasks.remind_contracts_ending",
        "apps.operations.tasks.remind_payments_overdue",
        "apps.operations.tasks.remind_memberships_lapsing",
        "apps.operations.tasks.send_weekly_digests",
    } <= names
    app.loader.import_default_modules()
    assert names <= set(app.tasks)


def test_schedules_are_editable_in_the_admin(staff_client):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="apps.operations.tasks.send_weekly_digests")
    page = staff_client.get(reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]))
    assert page.status_code == 200
    assert (
        staff_client.get(reverse("admin:django_celery_beat_crontabschedule_changelist")).status_code
        == 200
    )
