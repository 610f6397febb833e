"""Thin Celery task: bring the summary tables up to date (idempotent: with nothing pending it
does nothing). Queued by readers that found a change pending (``summary.current_build``)."""

from celery import shared_task

from apps.figures import summary


@shared_task(ignore_result=True)
def rebuild_figures():
    return summary.summary_catch_up()


@shared_task(ignore_result=True)
def release_figures_when_due():
    """Release the contract sums when the calendar names a date since the last release."""
    from apps.figures import release

    summary.current_build(wait=True)
    if release.release_due():
        release.release_figures(reason=release.SCHEDULED)
