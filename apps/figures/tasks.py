"""Thin Celery task: bring the summary tables up to date (idempotent: with nothing pending it
does nothing). Queued by readers that found a change pending (``summary.current_build``)."""

from celery import shared_task

from apps.figures import summary


@shared_task(ignore_result=True)
def rebuild_figures():
    return summary.summary_catch_up()
