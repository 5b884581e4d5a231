"""Celery tasks: a thin interface over the services, taking ids only."""

import datetime as dt
import smtplib

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import services

NETWORK_ERRORS = (smtplib.SMTPException, OSError, ConnectionError, TimeoutError)
MAX_RETRIES = 6


def retry_countdown(retries: int) -> int:
    """30 s, 1 min, 2 min, … capped at an hour."""
    return min(3600, 30 * 2**retries)


@shared_task(
    bind=True,
    name="mentorship.tasks.reminders_sweep",
    max_retries=5,
    time_limit=1800,
    soft_time_limit=1700,
)
def reminders_sweep(self, day: str | None = None) -> dict:
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    try:
        result = services.reminders_sweep(today=today)
    except OperationalError as error:  # a busy database (SQLite locked): try again shortly
        raise self.retry(exc=error, countdown=2) from error
    return {"today": today.isoformat(), "created": result.created, "emails": result.emails_queued}


@shared_task(
    name="mentorship.tasks.notification_emails_dispatch", time_limit=1800, soft_time_limit=1700
)
def notification_emails_dispatch(batch: str) -> dict:
    return services.notification_emails_dispatch(batch=batch)


@shared_task(
    bind=True,
    name="mentorship.tasks.notification_email_send",
    max_retries=MAX_RETRIES,
    acks_late=True,
    time_limit=120,
    soft_time_limit=100,
)
def notification_email_send(self, user_id: int, notification_ids: list[int]) -> int:
    """One recipient's mails. A network failure is retried with exponential back-off
    (30 s, 1 min, 2 min … 1 h); after the last try the notices are marked failed."""
    try:
        return services.notification_email_send(user_id=user_id, notification_ids=notification_ids)
    except OperationalError as error:  # a busy database, not the mail server
        raise self.retry(exc=error, countdown=2) from error
    except NETWORK_ERRORS as error:
        if self.request.retries >= self.max_retries:
            services.notification_email_give_up(notification_ids=notification_ids)
            return 0
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error


@shared_task(
    bind=True,
    name="mentorship.tasks.notification_digest_send",
    max_retries=MAX_RETRIES,
    acks_late=True,
    time_limit=120,
    soft_time_limit=100,
)
def notification_digest_send(self, user_id: int) -> int:
    try:
        return services.notification_digest_send(user_id=user_id)
    except NETWORK_ERRORS as error:
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error
