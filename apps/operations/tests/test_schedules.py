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


# --------------------------------------------------------------------------- what HQ may change
# HQ enable, disable and reschedule the project's schedules (apps.operations.schedules); no
# route of the periodic-task admins adds a task, sets its arguments or routing, or runs one
# that is not the project's.

WEEKLY_DIGEST = "Weekly digest to each office"


def beat_rows():
    """Every row of django-celery-beat's tables, as plain values."""
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    models = (PeriodicTask, CrontabSchedule, IntervalSchedule, SolarSchedule, ClockedSchedule)
    return {(model.__name__, row["id"]): row for model in models for row in model.objects.values()}


def changed_rows(before, after):
    """{key: {field: (before, after)}} of the rows that differ (a new row: before is None)."""
    changes = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old is None or new is None:
            changes[key] = (old, new)
            continue
        diff = {
            name: (old[name], new[name])
            for name in old
            if old[name] != new[name] and name != "date_changed"
        }
        if diff:
            changes[key] = diff
    return changes


@pytest.fixture
def hq_admin(client, hq_user):
    client.force_login(hq_user)
    return client


@pytest.fixture
def smuggled():
    """A task that is not one of the project's: an import job with its id as argument, as the
    stock admin let anyone with the permission add."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    return PeriodicTask.objects.create(
        name="Import job 42",
        task="apps.operations.tasks.run_import",
        args="[42]",
        interval=every_minute,
        enabled=False,
    )


@pytest.fixture
def published():
    """The tasks handed to the broker (Celery's before_task_publish): (name, args, kwargs)."""
    from celery.signals import before_task_publish

    from tsinghua_coop.celery import app

    sent = []

    def record(sender=None, body=None, **kwargs):
        args, kwargs_, _embed = body
        sent.append((sender, list(args), dict(kwargs_)))

    before_task_publish.connect(record, weak=False)
    yield sent
    before_task_publish.disconnect(record)
    app.control.purge()


def action(client, name, *tasks):
    return client.post(
        reverse("admin:django_celery_beat_periodictask_changelist"),
        {"action": name, "_selected_action": [task.pk for task in tasks]},
    )


def test_hq_cannot_add_a_periodic_task(hq_admin, smuggled):
    before = beat_rows()
    url = reverse("admin:django_celery_beat_periodictask_add")
    data = {
        "name": "Import job 43",
        "regtask": "apps.operations.tasks.run_import",
        "task": "apps.operations.tasks.run_import",
        "enabled": "on",
        "interval": smuggled.interval_id,
        "args": "[43]",
        "kwargs": "{}",
        "headers": "{}",
    }

    assert hq_admin.get(url).status_code == 403
    assert hq_admin.post(url, data).status_code == 403
    assert changed_rows(before, beat_rows()) == {}


def test_hq_change_only_whether_a_project_schedule_runs_and_when(hq_admin, smuggled):
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    digest = PeriodicTask.objects.get(name=WEEKLY_DIGEST)
    tuesday = CrontabSchedule.objects.create(
        minute="30", hour="9", day_of_week="2", timezone="Asia/Shanghai"
    )
    before = beat_rows()
    smuggling = {
        "name": "Import job 43",
        "regtask": "apps.operations.tasks.run_import",
        "task": "apps.operations.tasks.run_import",
        "description": "smuggled",
        "interval": "",
        "crontab": tuesday.pk,
        "solar": "",
        "clocked": "",
        "start_time_0": "2030-01-01",
        "start_time_1": "08:00:00",
        "one_off": "on",
        "args": "[43]",
        "kwargs": '{"job_id": 43}',
        "expires_0": "",
        "expires_1": "",
        "expire_seconds": "",
        "queue": "imports",
        "exchange": "imports",
        "routing_key": "imports",
        "priority": "9",
        "headers": '{"x": 1}',
    }

    response = hq_admin.post(
        reverse("admin:django_celery_beat_periodictask_change", args=[digest.pk]), smuggling
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert changed_rows(before, beat_rows()) == {
        ("PeriodicTask", digest.pk): {
            "enabled": (True, False),
            "crontab_id": (digest.crontab_id, tuesday.pk),
        }
    }


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ({}, "请选择一个间隔时间表或一个计划时间表"),
        ({"interval": "both"}, "请选择一个间隔时间表或一个计划时间表"),
    ],
)
def test_a_project_schedule_keeps_exactly_one_interval_or_crontab(
    hq_admin, smuggled, schedule, message
):
    from django_celery_beat.models import PeriodicTask

    digest = PeriodicTask.objects.get(name=WEEKLY_DIGEST)
    data = {"enabled": "on", "interval": "", "crontab": ""}
    if schedule:
        data.update(interval=smuggled.interval_id, crontab=digest.crontab_id)
    before = beat_rows()

    response = hq_admin.post(
        reverse("admin:django_celery_beat_periodictask_change", args=[digest.pk]), data
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert changed_rows(before, beat_rows()) == {}


def test_hq_cannot_change_enable_run_or_delete_a_task_that_is_not_a_project_schedule(
    hq_admin, smuggled, published
):
    before = beat_rows()
    change = reverse("admin:django_celery_beat_periodictask_change", args=[smuggled.pk])
    delete = reverse("admin:django_celery_beat_periodictask_delete", args=[smuggled.pk])

    hq_admin.post(change, {"enabled": "on", "interval": smuggled.interval_id, "args": "[43]"})
    for name in ("enable_tasks", "toggle_tasks", "run_tasks", "delete_selected"):
        action(hq_admin, name, smuggled)
    hq_admin.post(delete, {"post": "yes"})

    assert changed_rows(before, beat_rows()) == {}
    assert published == []


def test_run_tasks_sends_the_project_schedules_only_and_without_arguments(
    hq_admin, smuggled, published
):
    from django_celery_beat.models import PeriodicTask

    digest = PeriodicTask.objects.get(name=WEEKLY_DIGEST)
    before = beat_rows()

    action(hq_admin, "run_tasks", digest, smuggled)

    assert published == [("apps.operations.tasks.send_weekly_digests", [], {})]
    assert changed_rows(before, beat_rows()) == {}


def test_hq_disable_and_enable_project_schedules_with_the_actions(hq_admin):
    from django_celery_beat.models import PeriodicTask

    digest = PeriodicTask.objects.get(name=WEEKLY_DIGEST)

    action(hq_admin, "disable_tasks", digest)
    assert PeriodicTask.objects.get(pk=digest.pk).enabled is False
    action(hq_admin, "enable_tasks", digest)
    assert PeriodicTask.objects.get(pk=digest.pk).enabled is True
    action(hq_admin, "toggle_tasks", digest)
    assert PeriodicTask.objects.get(pk=digest.pk).enabled is False


def test_a_project_schedule_cannot_be_deleted(hq_admin):
    from django_celery_beat.models import PeriodicTask

    digest = PeriodicTask.objects.get(name=WEEKLY_DIGEST)
    before = beat_rows()

    hq_admin.post(
        reverse("admin:django_celery_beat_periodictask_delete", args=[digest.pk]), {"post": "yes"}
    )
    action(hq_admin, "delete_selected", digest)

    assert changed_rows(before, beat_rows()) == {}


def test_the_schedule_admins_smuggle_nothing(hq_admin, smuggled):
    """Solar and clocked schedules (a one-off run at a moment) are not the project's: nothing
    is written there; a crontab or interval in use is not deleted (its tasks would go with
    it), and their pages change no task."""
    from django_celery_beat.models import PeriodicTask

    digest = PeriodicTask.objects.get(name=WEEKLY_DIGEST)
    before = beat_rows()

    def url(model, view, *args):
        return reverse(f"admin:django_celery_beat_{model}_{view}", args=args)

    refused = [
        hq_admin.post(
            url("clockedschedule", "add"),
            {"clocked_time_0": "2030-01-01", "clocked_time_1": "08:00:00"},
        ),
        hq_admin.post(
            url("solarschedule", "add"),
            {"event": "sunrise", "latitude": "40", "longitude": "116"},
        ),
        hq_admin.post(url("crontabschedule", "delete", digest.crontab_id), {"post": "yes"}),
        hq_admin.post(url("intervalschedule", "delete", smuggled.interval_id), {"post": "yes"}),
    ]
    inline = {
        "periodictask_set-TOTAL_FORMS": "1",
        "periodictask_set-INITIAL_FORMS": "1",
        "periodictask_set-0-id": digest.pk,
        "periodictask_set-0-crontab": digest.crontab_id,
        "periodictask_set-0-name": "Import job 43",
        "periodictask_set-0-task": "apps.operations.tasks.run_import",
        "periodictask_set-0-args": "[43]",
        "periodictask_set-0-DELETE": "on",
    }
    crontab = digest.crontab
    same_values = hq_admin.post(
        url("crontabschedule", "change", crontab.pk),
        {
            "minute": crontab.minute,
            "hour": crontab.hour,
            "day_of_week": crontab.day_of_week,
            "day_of_month": crontab.day_of_month,
            "month_of_year": crontab.month_of_year,
            "timezone": str(crontab.timezone),
            **inline,
        },
    )

    assert [response.status_code for response in refused] == [403] * 4
    assert same_values.status_code == 302
    assert changed_rows(before, beat_rows()) == {}


def test_hq_reschedule_through_the_values_of_a_crontab(hq_admin):
    from django_celery_beat.models import PeriodicTask

    digest = PeriodicTask.objects.get(name=WEEKLY_DIGEST)
    crontab = digest.crontab
    before = beat_rows()

    response = hq_admin.post(
        reverse("admin:django_celery_beat_crontabschedule_change", args=[crontab.pk]),
        {
            "minute": "45",
            "hour": "7",
            "day_of_week": "1",
            "day_of_month": "*",
            "month_of_year": "*",
            "timezone": "Asia/Shanghai",
            # The tasks using the crontab, listed below it as the page shows them.
            "periodictask_set-TOTAL_FORMS": "1",
            "periodictask_set-INITIAL_FORMS": "1",
            "periodictask_set-0-id": digest.pk,
            "periodictask_set-0-crontab": crontab.pk,
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert changed_rows(before, beat_rows()) == {
        ("CrontabSchedule", crontab.pk): {"minute": ("0", "45"), "hour": ("8", "7")}
    }


def test_an_auditor_who_only_sees_the_tasks_runs_and_switches_none(client, auditor, published):
    from django_celery_beat.models import PeriodicTask

    client.force_login(auditor)
    digest = PeriodicTask.objects.get(name=WEEKLY_DIGEST)
    before = beat_rows()

    for name in ("run_tasks", "disable_tasks", "toggle_tasks"):
        action(client, name, digest)

    assert changed_rows(before, beat_rows()) == {}
    assert published == []


@pytest.mark.django_db
def test_an_app_keeps_its_own_schedule_on_its_appconfig():
    from django_celery_beat.models import PeriodicTask

    from apps.operations.schedules import SCHEDULES, all_schedules, ensure_schedules

    sweep = "apps.challenges.tasks.send_pending_stage_emails"
    assert sweep not in [task for _name, task, *_ in SCHEDULES]
    assert sweep in [task for _name, task, *_ in all_schedules()]
    ensure_schedules()
    assert PeriodicTask.objects.filter(task=sweep).exists()
