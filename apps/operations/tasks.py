"""Thin Celery tasks: they call services and may run twice without harm (each reminder is
recorded before it is sent). Their schedules live in the database (django-celery-beat) and
are edited in the admin under "Periodic tasks"."""

from celery import shared_task

from apps.operations import exports, imports, services


@shared_task(ignore_result=True)
def remind_contracts_ending():
    return services.contracts_remind_ending()


@shared_task(ignore_result=True)
def remind_payments_overdue():
    return services.payments_remind_overdue()


@shared_task(ignore_result=True)
def remind_memberships_lapsing():
    return services.memberships_remind_lapsing()


@shared_task(ignore_result=True)
def remind_agreements_term():
    return services.agreements_remind_term()


@shared_task(ignore_result=True)
def send_weekly_digests():
    return services.offices_send_weekly_digest()


@shared_task(bind=True, ignore_result=True, max_retries=2, default_retry_delay=30)
def generate_report(self, job_id):
    return services.report_generate(job_id=job_id)


def report_enqueue(job_id):
    """Hand a saved report request to the worker (call it once the request is committed)."""
    generate_report.delay(job_id)


@shared_task(ignore_result=True, acks_late=True)
def validate_import(job_id):
    return imports.import_job_validate(job_id=job_id)


@shared_task(ignore_result=True, acks_late=True)
def run_import(job_id):
    return imports.import_job_run(job_id=job_id)


@shared_task(ignore_result=True)
def expire_jobs():
    return imports.import_jobs_expire() + exports.export_jobs_expire()


@shared_task(ignore_result=True, acks_late=True)
def run_export(job_id):
    return exports.export_job_run(job_id=job_id)
