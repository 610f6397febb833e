"""The default schedules of the periodic tasks, kept in the database by django-celery-beat.

Staff change them in the admin (Periodic tasks); ``ensure_schedules`` only adds a schedule
that is missing (after ``migrate`` or a test database flush) and never overwrites an edit.
To stop a reminder, disable its periodic task rather than delete it.

The admin lets staff enable, disable, reschedule and run the project's schedules only
(``project_schedules``): no task is added there, and none gets arguments or routing of its own
(``apps.operations.admin``).
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

# A schedule's name is stored in English (django-celery-beat's key): marked here for
# translation, and shown in the reader's language by ``schedule_name``.
_ = gettext_noop

# name, task, minute, hour, day of week (Asia/Shanghai)
SCHEDULES = [
    (
        _("Contracts ending within 30 days"),
        "apps.operations.tasks.remind_contracts_ending",
        "0",
        "8",
        "*",
    ),
    (_("Payments overdue"), "apps.operations.tasks.remind_payments_overdue", "10", "8", "*"),
    (
        _("Memberships about to lapse (and status kept current)"),
        "apps.operations.tasks.remind_memberships_lapsing",
        "20",
        "8",
        "*",
    ),
    (
        _("Agreements ending (to renew) or due for review"),
        "apps.operations.tasks.remind_agreements_term",
        "30",
        "8",
        "*",
    ),
    (
        _("Agreements ending behind target"),
        "apps.outcomes.tasks.remind_agreements_behind",
        "40",
        "8",
        "*",
    ),
    (
        _("Release contract sums on the calendar"),
        "apps.figures.tasks.release_figures_when_due",
        "30",
        "2",
        "*",
    ),
    (_("Weekly digest to each office"), "apps.operations.tasks.send_weekly_digests", "0", "8", "1"),
    (
        _("Weekly digest to subscribers"),
        "apps.subscriptions.tasks.send_digests",
        "0",
        "9",
        "1",
    ),
    (
        _("Send e-mails waiting in the outbox"),
        "apps.requests.tasks.send_pending_notifications",
        "*",
        "*",
        "*",
    ),
    (
        _("Delete expired imports and exports"),
        "apps.operations.tasks.expire_jobs",
        "15",
        "*",
        "*",
    ),
    (
        _("Technology requests waiting too long"),
        "apps.requests.tasks.remind_waiting_requests",
        "30",
        "*/6",
        "*",
    ),
]


def all_schedules():
    """The schedules above, and those an app declares on its AppConfig (``schedules``, rows of
    the same shape: a record type's app keeps its own, e.g. its outbox's sweep)."""
    from django.apps import apps

    declared = [
        row for config in apps.get_app_configs() for row in getattr(config, "schedules", ())
    ]
    return [*SCHEDULES, *declared]


def schedule_name(name):
    """A periodic task's name in the active language (a name of ``SCHEDULES`` is translated,
    any other shown as stored)."""
    return gettext(name) if name in {row[0] for row in all_schedules()} else name


def crontab_text(crontab):
    """A crontab as staff read it, in the active language ("Daily at 08:00", "每天 08:00"),
    for the patterns the schedules use; any other as its five fields and time zone."""
    from django.utils.formats import date_format
    from django.utils.translation import pgettext

    minute, hour, dow = crontab.minute, crontab.hour, crontab.day_of_week
    plain = crontab.day_of_month == "*" and crontab.month_of_year == "*"
    if plain and minute == hour == dow == "*":
        return pgettext("periodic task", "Every minute")
    if plain and minute.isdigit() and dow == "*":
        if hour == "*":
            return pgettext("periodic task", "Hourly at minute %(m)s") % {"m": minute}
        if hour.startswith("*/") and hour[2:].isdigit():
            return pgettext("periodic task", "Every %(n)s hours at minute %(m)s") % {
                "n": hour[2:],
                "m": minute,
            }
    if plain and minute.isdigit() and hour.isdigit():
        at = f"{int(hour):02d}:{int(minute):02d}"
        if dow == "*":
            return pgettext("periodic task", "Daily at %(time)s") % {"time": at}
        if dow.isdigit():
            import datetime

            # 2024-01-07 was a Sunday: crontab's day 0.
            day = datetime.date(2024, 1, 7) + datetime.timedelta(days=int(dow) % 7)
            return pgettext("periodic task", "Every %(day)s at %(time)s") % {
                "day": date_format(day, "l"),
                "time": at,
            }
    fields = " ".join((minute, hour, crontab.day_of_month, crontab.month_of_year, dow))
    return f"{fields} ({crontab.timezone})"


def _empty(field, *empty):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": ("", *empty)})


def project_schedules(queryset):
    """The periodic tasks that are the project's schedules as ``ensure_schedules`` makes them:
    a name and task of ``SCHEDULES``, no arguments, the task's own routing, and a crontab or
    interval (a solar or clocked schedule is not the project's)."""
    defined = Q()
    for name, task, *_when in all_schedules():
        defined |= Q(name=name, task=task)
    return queryset.filter(
        defined,
        _empty("args", "[]"),
        _empty("kwargs", "{}"),
        _empty("headers", "{}"),
        _empty("queue"),
        _empty("exchange"),
        _empty("routing_key"),
        priority__isnull=True,
        solar__isnull=True,
        clocked__isnull=True,
    )


def is_project_schedule(periodic_task):
    return project_schedules(type(periodic_task).objects.filter(pk=periodic_task.pk)).exists()


def ensure_schedules(using=DEFAULT_DB_ALIAS):
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    for name, task, minute, hour, day_of_week in all_schedules():
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
