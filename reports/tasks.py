from celery import shared_task

from . import services


@shared_task(acks_late=True)
def programme_snapshot() -> int:
    """Beat, daily: this month's snapshot as of today (the month's last run stays)."""
    return services.snapshot_take().pk
