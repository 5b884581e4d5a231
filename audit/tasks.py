import datetime as dt
import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import AuditEvent

log = logging.getLogger(__name__)


def audit_prune(*, now=None) -> int:
    """Delete the rows older than ``AUDIT_RETENTION_DAYS``; returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = AuditEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


@shared_task(name="audit.tasks.audit_prune")
def audit_prune_task() -> int:
    deleted = audit_prune()
    log.info(
        "Audit retention: %s row(s) older than %s days deleted.",
        deleted,
        settings.AUDIT_RETENTION_DAYS,
    )
    return deleted
