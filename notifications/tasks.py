"""Celery tasks: the daily sweep, the fan-out of its mails, and one recipient's delivery
with retries. A thin interface over the services, taking ids only."""

import datetime as dt
import smtplib

from celery import current_app, shared_task
from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone

from . import services
from .registry import Due

NETWORK_ERRORS = (smtplib.SMTPException, OSError, ConnectionError, TimeoutError)
MAX_RETRIES = settings.NOTIFICATION_EMAIL_RETRIES


def retry_countdown(retries: int) -> int:
    """30 s, 1 min, 2 min, … capped at an hour."""
    return min(3600, settings.NOTIFICATION_RETRY_BASE_SECONDS * 2**retries)


def sweep_and_dispatch(*, today: dt.date, dry_run: bool = False) -> services.SweepResult:
    """The sweep, then one message for its mails: a worker fans it out into one task per
    recipient, so the sweep stays quick however many mails it causes."""
    result = services.reminders_sweep(today=today, dry_run=dry_run)
    if not dry_run and (result.emails_queued or result.digests_queued):
        transaction.on_commit(lambda: notification_emails_dispatch.delay(result.batch))
    return result


def notice_to(
    person, *, kind: str, item_key: str, period_key: str, title: str, url: str = "", body: str = ""
) -> None:
    """One notice of something that just happened to one person of the directory
    (anything with ``user_id`` and ``is_active``); someone without an active login is
    not told."""
    if person is None or not person.user_id or not person.is_active:
        return
    notices_send(
        due=[
            Due(
                recipient_id=person.user_id,
                kind=kind,
                item_key=item_key,
                period_key=period_key,
                title=title,
                body=body,
                url=url,
            )
        ],
        today=timezone.localdate(),
    )


def notices_send(*, due: list, today: dt.date) -> services.SweepResult:
    """Notices for something that just happened (not a reminder): recorded now, mailed by
    the same fan-out as the sweep's once the caller's transaction commits."""
    result = services.notices_record(due=due, today=today)
    if result.emails_queued or result.digests_queued:
        transaction.on_commit(lambda: notification_emails_dispatch.delay(result.batch))
    return result


@shared_task(
    bind=True,
    name="notifications.tasks.reminders_sweep",
    max_retries=5,
    time_limit=settings.LONGEST_TASK_SECONDS,
    soft_time_limit=settings.LONGEST_TASK_SECONDS - 60,
)
def reminders_sweep(self, day: str | None = None) -> dict:
    today = dt.date.fromisoformat(day) if day else timezone.localdate()
    try:
        result = sweep_and_dispatch(today=today)
    except OperationalError as error:  # a busy database (SQLite locked): try again shortly
        raise self.retry(exc=error, countdown=2) from error
    return {"today": today.isoformat(), "created": result.created, "emails": result.emails_queued}


@shared_task(
    name="notifications.tasks.notification_emails_dispatch",
    time_limit=settings.LONGEST_TASK_SECONDS,
    soft_time_limit=settings.LONGEST_TASK_SECONDS - 60,
)
def notification_emails_dispatch(batch: str) -> dict:
    """Fan a sweep run's mails out: one task per recipient (so one failing address never
    holds up the others), one digest task per digest reader."""
    pending, digest = services.notifications_to_send(batch=batch)
    # One producer (one broker connection) for every message.
    with current_app.producer_or_acquire() as producer:
        for recipient_id, ids in pending.items():
            notification_email_send.apply_async((recipient_id, ids), producer=producer)
        for recipient_id in digest:
            notification_digest_send.apply_async((recipient_id,), producer=producer)
    return {"recipients": len(pending), "digests": len(digest)}


@shared_task(
    bind=True,
    name="notifications.tasks.notification_email_send",
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
            # Marked failed, not forgotten: notifications_resend picks it up later.
            services.notification_email_give_up(notification_ids=notification_ids)
            return 0
        raise self.retry(exc=error, countdown=retry_countdown(self.request.retries)) from error


@shared_task(name="notifications.tasks.notifications_resend", time_limit=300, soft_time_limit=240)
def notifications_resend() -> dict:
    """Every ten minutes: notices left pending (their task was lost) or failed (the mail
    server was down longer than the retries), young enough and not tried too often, are
    handed to a worker again, one task per recipient. A notice sent meanwhile is skipped
    by the send itself, so this never mails twice."""
    undelivered = services.notifications_undelivered()
    with current_app.producer_or_acquire() as producer:
        for recipient_id, ids in undelivered.items():
            notification_email_send.apply_async((recipient_id, ids), producer=producer)
    return {"recipients": len(undelivered), "notices": sum(map(len, undelivered.values()))}


@shared_task(
    bind=True,
    name="notifications.tasks.notification_digest_send",
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
