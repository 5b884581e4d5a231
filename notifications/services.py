"""Writes for notifications: the reminder sweep, read marks, preferences, and sending one
recipient's mails (the Celery tasks in ``tasks.py`` fan out and retry)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from common.actor import Actor

from .models import Notification, NotificationPreference
from .registry import Due, collect_due, subject_fit

logger = logging.getLogger(__name__)


# --- Notifications ----------------------------------------------------------------------


def notification_mark_read(*, actor: Actor, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of the actor as read."""
    unread = Notification.objects.filter(recipient=actor.user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def preference_for(user) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    return preference


@transaction.atomic
def preference_update(
    *, actor: Actor, delivery: str, muted_kinds: list[str]
) -> NotificationPreference:
    preference = preference_for(actor.user)
    preference.delivery = delivery
    preference.muted_kinds = sorted(set(muted_kinds))
    preference.full_clean()
    preference.save()
    return preference


@dataclass
class SweepResult:
    today: dt.date
    due: int = 0
    created: int = 0
    batch: str = ""
    by_kind: Counter = field(default_factory=Counter)
    emails_queued: int = 0
    digests_queued: int = 0
    lines: list[str] = field(default_factory=list)


def reminders_sweep(*, today: dt.date, dry_run: bool = False) -> SweepResult:
    """Find everything due on ``today`` and record one notification per recipient, item
    and period. Safe to rerun, retry or run twice at once: the unique constraint refuses
    a second row, and each run e-mails only the rows it inserted itself."""
    return notices_record(due=collect_due(today=today), today=today, dry_run=dry_run)


def _rows_new(due: list[Due], result: SweepResult) -> list[NewNotification]:
    """The rows ``due`` asks for, by each recipient's preferences (muted kinds skipped,
    a digest or no mail as they chose), less those earlier runs already recorded (one
    query; the unique constraint still decides when two runs race for the same row)."""
    # Only people who changed their preferences have a row that is not the default.
    preferences = {
        user_id: (delivery, set(muted))
        for user_id, delivery, muted in NotificationPreference.objects.values_list(
            "user_id", "delivery", "muted_kinds"
        )
    }
    email_status_for = {
        NotificationPreference.Delivery.IMMEDIATE: Notification.EmailStatus.PENDING,
        NotificationPreference.Delivery.DIGEST: Notification.EmailStatus.DIGEST,
        NotificationPreference.Delivery.NONE: Notification.EmailStatus.SKIPPED,
    }
    default = (NotificationPreference.Delivery.IMMEDIATE, set())
    # Whose login is off (a leaver, someone blocked) is told nothing: few, in one query.
    gone = set(get_user_model().objects.filter(is_active=False).values_list("pk", flat=True))
    existing = set(
        Notification.objects.filter(
            kind__in={d.kind for d in due}, period_key__in={d.period_key for d in due}
        ).values_list("recipient_id", "kind", "item_key", "period_key")
    )
    rows: list[NewNotification] = []
    for item in due:
        delivery, muted = preferences.get(item.recipient_id, default)
        if item.kind in muted or item.recipient_id in gone:
            continue
        result.due += 1
        if (item.recipient_id, item.kind, item.item_key, item.period_key) in existing:
            continue
        rows.append(
            NewNotification(
                item.recipient_id,
                item.kind,
                item.item_key,
                item.period_key,
                subject_fit(item.title, 200),
                item.body,
                item.url,
                email_status_for[delivery],
            )
        )
    return rows


def _batch_counted(result: SweepResult) -> None:
    """What this run's batch holds, read back: only the rows it inserted itself."""
    created = Notification.objects.filter(batch=result.batch).values_list("kind", "email_status")
    for kind, email_status in created.iterator(chunk_size=10000):
        result.created += 1
        result.by_kind[kind] += 1
        if email_status == Notification.EmailStatus.PENDING:
            result.emails_queued += 1
        elif email_status == Notification.EmailStatus.DIGEST:
            result.digests_queued += 1
    if result.created <= 200:
        result.lines = [
            f"notified {username}: {title}"
            for username, title in Notification.objects.filter(batch=result.batch)
            .order_by("recipient__username", "pk")
            .values_list("recipient__username", "title")
        ]


def notices_record(*, due: list[Due], today: dt.date, dry_run: bool = False) -> SweepResult:
    """Record the notices of ``due`` (the sweep's, or an event's such as a closed talent
    review) by each recipient's preferences: one row per recipient, kind, item and
    period, never twice. The caller hands the result's batch to the mail fan-out."""
    result = SweepResult(today=today, batch=uuid.uuid4().hex)
    rows = _rows_new(due, result)
    if dry_run:
        for row in rows:
            result.created += 1
            result.by_kind[row.kind] += 1
            result.lines.append(f"would notify user {row.recipient_id}: {row.title}")
        return result
    with transaction.atomic():
        _notifications_insert(rows, batch=result.batch)
        _batch_counted(result)
    logger.info(
        "notices for %s: %s due, %s new, %s e-mails queued",
        today,
        len(due),
        result.created,
        result.emails_queued,
    )
    return result


class NewNotification(NamedTuple):
    recipient_id: int
    kind: str
    item_key: str
    period_key: str
    title: str
    body: str
    url: str
    email_status: str


def _notifications_insert(rows: list[NewNotification], *, batch: str) -> None:
    """Insert, skipping rows the unique constraint refuses (a rerun, a race).

    On PostgreSQL one INSERT … SELECT FROM unnest() per 20,000 rows, which builds no model
    instance (the figures against ``bulk_create`` are in docs/performance.md); elsewhere
    (SQLite) the ORM's bulk insert."""
    if connection.vendor != "postgresql":
        Notification.objects.bulk_create(
            [Notification(batch=batch, **row._asdict()) for row in rows],
            batch_size=2000,
            ignore_conflicts=True,
        )
        return
    now = timezone.now()
    sql = (
        f"INSERT INTO {Notification._meta.db_table} (recipient_id, kind, item_key, period_key, "
        "title, body, url, batch, email_status, email_attempts, email_error, created_at) "
        "SELECT r, k, i, p, t, b, u, %s, s, 0, '', %s FROM unnest("
        "%s::integer[], %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], "
        "%s::text[], %s::varchar[], %s::varchar[]) AS x(r, k, i, p, t, b, u, s) "
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20000):
            chunk = rows[start : start + 20000]
            cursor.execute(
                sql,
                [
                    batch,
                    now,
                    [r.recipient_id for r in chunk],
                    [r.kind for r in chunk],
                    [r.item_key for r in chunk],
                    [r.period_key for r in chunk],
                    [r.title for r in chunk],
                    [r.body for r in chunk],
                    [r.url for r in chunk],
                    [r.email_status for r in chunk],
                ],
            )


def _message_for(notifications: list[Notification], user) -> EmailMultiAlternatives:
    """One mail: a single notice says its own title; several (one person, one day) are
    listed in one mail whose subject counts them and names the first."""
    context = {
        "notifications": notifications,
        "notification": notifications[0],
        "user": user,
        "site_url": settings.SITE_URL,
        "preferences_url": settings.SITE_URL + reverse("notifications:preferences"),
    }
    if len(notifications) == 1:
        subject = subject_fit(notifications[0].title)
        template = "emails/reminder"
    else:
        head, more = f"{len(notifications)} reminders: ", f", and {len(notifications) - 1} more"
        first = subject_fit(notifications[0].title, 140 - len(head) - len(more))
        subject = f"{head}{first}{more}"
        template = "emails/several"
    message = EmailMultiAlternatives(
        subject=f"[supportlead] {subject}",
        body=render_to_string(f"{template}.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def notification_email_send(*, user_id: int, notification_ids: list[int]) -> int:
    """Send the user's pending notices of a sweep: one mail, listing them when there are
    several. In one transaction, the notices still unsent are locked (others sending them
    right now are skipped), mailed, and marked sent, so a redelivered or repeated task
    never mails a notice twice. Every attempt and its error (a refused connection too) is
    recorded. Raises on failure, for the task to retry."""
    user = get_user_model().objects.get(pk=user_id)
    if not user.email or not user.is_active:  # left since the notice was recorded
        return 0
    failed_attempt = None
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(
                pk__in=notification_ids,
                recipient_id=user_id,
                email_status__in=(
                    Notification.EmailStatus.PENDING,
                    Notification.EmailStatus.FAILED,
                ),
            )
            .order_by("kind", "pk")
        )
        if not pending:
            return 0
        ids = [n.pk for n in pending]
        try:
            with get_connection(fail_silently=False) as mail_server:
                mail_server.send_messages([_message_for(pending, user)])
        except Exception as error:
            failed_attempt = error
        else:
            Notification.objects.filter(pk__in=ids).update(
                email_status=Notification.EmailStatus.SENT,
                emailed_at=timezone.now(),
                email_attempts=F("email_attempts") + 1,
                email_error="",
            )
            return len(pending)
    Notification.objects.filter(pk__in=ids).update(
        email_attempts=F("email_attempts") + 1,
        email_error=f"{type(failed_attempt).__name__}: {failed_attempt}"[:1000],
    )
    raise failed_attempt


def notifications_undelivered(*, now=None) -> dict[int, list[int]]:
    """Notices to e-mail again, by recipient: pending for longer than a sweep takes (their
    task was lost) or failed, younger than the resend age, not tried too often."""
    now = now or timezone.now()
    grace = now - dt.timedelta(seconds=settings.NOTIFICATION_PENDING_GRACE_SECONDS)
    oldest = now - dt.timedelta(hours=settings.NOTIFICATION_RESEND_MAX_AGE_HOURS)
    rows = (
        Notification.objects.filter(created_at__gte=oldest)
        .filter(email_attempts__lt=settings.NOTIFICATION_MAX_ATTEMPTS)
        .filter(
            Q(email_status=Notification.EmailStatus.FAILED)
            | Q(email_status=Notification.EmailStatus.PENDING, created_at__lt=grace)
        )
        .values_list("recipient_id", "pk")
        .order_by("recipient_id", "pk")
    )
    undelivered: dict[int, list[int]] = defaultdict(list)
    for recipient_id, pk in rows.iterator(chunk_size=5000):
        undelivered[recipient_id].append(pk)
    return undelivered


@transaction.atomic
def notifications_resend_now(*, notification_ids: list[int]) -> int:
    """HR's "send again": failed notices become pending with a fresh count of tries."""
    return Notification.objects.filter(
        pk__in=notification_ids, email_status=Notification.EmailStatus.FAILED
    ).update(email_status=Notification.EmailStatus.PENDING, email_attempts=0, email_error="")


def notification_email_give_up(*, notification_ids: list[int]) -> None:
    Notification.objects.filter(
        pk__in=notification_ids, email_status=Notification.EmailStatus.PENDING
    ).update(email_status=Notification.EmailStatus.FAILED)


def notification_digest_send(*, user_id: int) -> int:
    """One mail with every notice waiting for the user's daily digest."""
    user = get_user_model().objects.get(pk=user_id)
    waiting = list(
        Notification.objects.filter(
            recipient_id=user_id, email_status=Notification.EmailStatus.DIGEST
        ).order_by("kind", "pk")
    )
    if not waiting or not user.email or not user.is_active:
        return 0
    context = {
        "notifications": waiting,
        "user": user,
        "site_url": settings.SITE_URL,
        "preferences_url": settings.SITE_URL + reverse("notifications:preferences"),
    }
    message = EmailMultiAlternatives(
        subject=f"[supportlead] Your daily digest: {len(waiting)} reminder{'s' if len(waiting) > 1 else ''}",
        body=render_to_string("emails/digest.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string("emails/digest.html", context), "text/html")
    message.send(fail_silently=False)
    Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(
        email_status=Notification.EmailStatus.SENT, emailed_at=timezone.now()
    )
    return len(waiting)


def notifications_to_send(*, batch: str) -> tuple[dict[int, list[int]], set[int]]:
    """A sweep run's notices to e-mail: ids per recipient, and the digest readers."""
    pending: dict[int, list[int]] = defaultdict(list)
    digest: set[int] = set()
    rows = Notification.objects.filter(batch=batch).values_list(
        "pk", "recipient_id", "email_status"
    )
    for pk, recipient_id, email_status in rows.iterator(chunk_size=10000):
        if email_status == Notification.EmailStatus.PENDING:
            pending[recipient_id].append(pk)
        elif email_status == Notification.EmailStatus.DIGEST:
            digest.add(recipient_id)
    return pending, digest
