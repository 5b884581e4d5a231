"""Writes for mentorship: pairings, the meeting log, notifications and the reminder sweep."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from candidates.models import Candidate, CandidateEvent, Person
from candidates.services import candidate_event_record

from .models import ActionItem, Meeting, MentorPairing, Notification, NotificationPreference
from .reminders import collect_due

logger = logging.getLogger(__name__)

MEETING_EDIT_DAYS = 7


# --- Pairings ---------------------------------------------------------------------------


def _pairing_validate(*, candidate: Candidate, mentor: Person) -> None:
    if mentor.pk == candidate.person_id:
        raise ValidationError({"mentor": "A person cannot mentor themselves."})
    if mentor.level <= candidate.person.level:
        raise ValidationError(
            {"mentor": f"The mentor must be senior to {candidate.person} (a higher level)."}
        )
    if MentorPairing.objects.filter(
        candidate=candidate, status=MentorPairing.Status.ACTIVE
    ).exists():
        raise ValidationError(
            {
                "candidate": f"{candidate.person} already has an active mentor: end or pause it first."
            }
        )


@transaction.atomic
def pairing_create(
    *,
    actor: Person,
    candidate: Candidate,
    mentor: Person,
    cadence_days: int,
    format: str,
    goals: str,
    starts_on: dt.date,
) -> MentorPairing:
    candidate = Candidate.objects.select_for_update().select_related("person").get(pk=candidate.pk)
    _pairing_validate(candidate=candidate, mentor=mentor)
    pairing = MentorPairing(
        candidate=candidate,
        mentor=mentor,
        cadence_days=cadence_days,
        format=format,
        goals=goals,
        starts_on=starts_on,
        created_by=actor,
    )
    pairing.full_clean()
    try:
        with transaction.atomic():
            pairing.save()
    except IntegrityError:  # a concurrent pairing won the race for the unique constraint
        raise ValidationError(
            {"candidate": f"{candidate.person} already has an active mentor."}
        ) from None
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.PAIRING,
        summary=f"Paired with executive mentor {mentor} (every {cadence_days} days)",
        detail=goals,
        actor=actor,
    )
    return pairing


@transaction.atomic
def pairing_set_status(
    *, actor: Person, pairing: MentorPairing, status: str, reason: str = ""
) -> MentorPairing:
    """Pause, resume or end a pairing; the history stays."""
    pairing = MentorPairing.objects.select_for_update().get(pk=pairing.pk)
    if pairing.status == status:
        return pairing
    if pairing.status == MentorPairing.Status.ENDED:
        raise ValidationError("An ended pairing cannot be reopened: create a new one.")
    if (
        status == MentorPairing.Status.ACTIVE
        and MentorPairing.objects.filter(
            candidate=pairing.candidate_id, status=MentorPairing.Status.ACTIVE
        )
        .exclude(pk=pairing.pk)
        .exists()
    ):
        raise ValidationError("The candidate has another active mentor.")
    pairing.status = status
    if status == MentorPairing.Status.ENDED:
        pairing.ends_on = max(timezone.localdate(), pairing.starts_on)
    pairing.full_clean()
    pairing.save()
    candidate_event_record(
        candidate=pairing.candidate,
        kind=CandidateEvent.Kind.PAIRING,
        summary=f"Mentoring by {pairing.mentor} {pairing.get_status_display().lower()}",
        detail=reason,
        actor=actor,
    )
    return pairing


# --- Meetings ---------------------------------------------------------------------------


def _meeting_validate(*, pairing: MentorPairing, held_on: dt.date, next_meeting_on) -> None:
    errors = {}
    if held_on < pairing.starts_on:
        errors["held_on"] = (
            f"The pairing started on {pairing.starts_on:%d %b %Y}: pick a later date."
        )
    if held_on > timezone.localdate():
        errors["held_on"] = "Log a meeting once it has happened (the date is in the future)."
    if next_meeting_on and next_meeting_on <= held_on:
        errors["next_meeting_on"] = "The next meeting comes after this one."
    if errors:
        raise ValidationError(errors)


def _pairing_refresh_dates(pairing: MentorPairing) -> None:
    latest = pairing.meetings.order_by("-held_on", "-pk").first()
    pairing.last_met_on = latest.held_on if latest else None
    pairing.next_meeting_on = latest.next_meeting_on if latest else None
    pairing.save(update_fields=["last_met_on", "next_meeting_on"])


@transaction.atomic
def meeting_log(
    *,
    actor: Person,
    pairing: MentorPairing,
    held_on: dt.date,
    duration_minutes: int,
    format: str,
    topics=(),
    other_topics: str = "",
    shared_notes: str = "",
    private_notes: str = "",
    next_meeting_on: dt.date | None = None,
    potential_read: int | None = None,
    action_items: list[dict] = (),
) -> Meeting:
    """Log a meeting with its action items; the pairing's last/next dates follow."""
    pairing = MentorPairing.objects.select_for_update().get(pk=pairing.pk)
    if pairing.mentor_id != actor.pk:
        raise ValidationError("Only the pairing's mentor logs its meetings.")
    _meeting_validate(pairing=pairing, held_on=held_on, next_meeting_on=next_meeting_on)
    meeting = Meeting(
        pairing=pairing,
        author=actor,
        held_on=held_on,
        duration_minutes=duration_minutes,
        format=format,
        other_topics=other_topics,
        shared_notes=shared_notes,
        private_notes=private_notes,
        next_meeting_on=next_meeting_on,
        potential_read=potential_read,
    )
    meeting.full_clean()
    meeting.save()
    meeting.topics.set(topics)
    for item in action_items:
        action = ActionItem(meeting=meeting, **item)
        action.full_clean()
        action.save()
    _pairing_refresh_dates(pairing)
    candidate_event_record(
        candidate=pairing.candidate,
        kind=CandidateEvent.Kind.MEETING,
        summary=f"Mentor meeting with {actor} ({duration_minutes} min)",
        detail=shared_notes[:500],
        actor=actor,
        occurred_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(12, 0))),
    )
    return meeting


def meeting_is_editable(meeting: Meeting, *, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (today - timezone.localtime(meeting.created_at).date()).days <= MEETING_EDIT_DAYS


@transaction.atomic
def meeting_update(
    *, actor: Person, meeting: Meeting, revision: int, action_items=None, topics=None, **fields
) -> Meeting:
    """The author edits a meeting within 7 days; a stale revision is refused."""
    meeting = Meeting.objects.select_for_update().select_related("pairing").get(pk=meeting.pk)
    if meeting.author_id != actor.pk:
        raise ValidationError("Only the author edits a meeting.")
    if not meeting_is_editable(meeting):
        raise ValidationError(
            f"A meeting can be edited for {MEETING_EDIT_DAYS} days after it was logged."
        )
    if meeting.revision != revision:
        raise ValidationError("Someone saved this meeting meanwhile: reload it and edit again.")
    _meeting_validate(
        pairing=meeting.pairing,
        held_on=fields.get("held_on", meeting.held_on),
        next_meeting_on=fields.get("next_meeting_on", meeting.next_meeting_on),
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.revision += 1
    meeting.full_clean()
    meeting.save()
    if topics is not None:
        meeting.topics.set(topics)
    if action_items is not None:
        meeting.action_items.all().delete()
        for item in action_items:
            action = ActionItem(meeting=meeting, **item)
            action.full_clean()
            action.save()
    _pairing_refresh_dates(meeting.pairing)
    return meeting


# --- Notifications ----------------------------------------------------------------------


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of the user as read."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def preference_for(user) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.get_or_create(user=user)
    return preference


@transaction.atomic
def preference_update(*, user, delivery: str, muted_kinds: list[str]) -> NotificationPreference:
    preference = preference_for(user)
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
    due = collect_due(today=today)
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
    result = SweepResult(today=today, batch=uuid.uuid4().hex)
    # What earlier runs already recorded is skipped here (one query); the unique
    # constraint still decides when two runs race for the same row.
    existing = set(
        Notification.objects.filter(
            kind__in={d.kind for d in due}, period_key__in={d.period_key for d in due}
        ).values_list("recipient_id", "kind", "item_key", "period_key")
    )
    rows: list[NewNotification] = []
    for item in due:
        delivery, muted = preferences.get(item.recipient_id, default)
        if item.kind in muted:
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
                item.title[:200],
                item.body,
                item.url,
                email_status_for[delivery],
            )
        )
    if dry_run:
        for row in rows:
            result.created += 1
            result.by_kind[row.kind] += 1
            result.lines.append(f"would notify user {row.recipient_id}: {row.title}")
        return result
    with transaction.atomic():
        _notifications_insert(rows, batch=result.batch)
        created = Notification.objects.filter(batch=result.batch).values_list(
            "kind", "email_status"
        )
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
        if result.emails_queued or result.digests_queued:
            from .tasks import notification_emails_dispatch

            # One message for the whole run: a worker fans it out into one task per
            # recipient, so the sweep stays quick however many mails it causes.
            transaction.on_commit(lambda: notification_emails_dispatch.delay(result.batch))
    logger.info(
        "reminder sweep for %s: %s due, %s new, %s e-mails queued",
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
    """Insert, skipping rows the unique constraint refuses. On PostgreSQL one
    INSERT … SELECT FROM unnest() per 20,000 rows instead of the ORM's bulk insert."""
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


def notification_emails_dispatch(*, batch: str) -> dict:
    """Fan a sweep run's mails out: one task per recipient (so one failing address never
    holds up the others), one digest task per digest reader."""
    from supportlead.celery import app

    from .tasks import notification_digest_send, notification_email_send

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
    # One producer (one broker connection) for every message.
    with app.producer_or_acquire() as producer:
        for recipient_id, ids in pending.items():
            notification_email_send.apply_async((recipient_id, ids), producer=producer)
        for recipient_id in digest:
            notification_digest_send.apply_async((recipient_id,), producer=producer)
    return {"recipients": len(pending), "digests": len(digest)}


def _message_for(notification: Notification, user) -> EmailMultiAlternatives:
    context = {"notification": notification, "user": user, "site_url": settings.SITE_URL}
    message = EmailMultiAlternatives(
        subject=f"[supportlead] {notification.title}",
        body=render_to_string("emails/reminder.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string("emails/reminder.html", context), "text/html")
    return message


def notification_email_send(*, user_id: int, notification_ids: list[int]) -> int:
    """Send the user's pending notices, one mail each; each is marked sent as soon as it
    has gone, so a retry after a failure never sends one twice. Raises on failure."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    pending = list(
        Notification.objects.filter(
            pk__in=notification_ids,
            recipient_id=user_id,
            email_status__in=(Notification.EmailStatus.PENDING, Notification.EmailStatus.FAILED),
        ).order_by("pk")
    )
    if not pending or not user.email:
        return 0
    sent = 0
    with get_connection(fail_silently=False) as connection:
        for notification in pending:
            try:
                connection.send_messages([_message_for(notification, user)])
            except Exception as error:
                Notification.objects.filter(pk=notification.pk).update(
                    email_attempts=notification.email_attempts + 1,
                    email_error=f"{type(error).__name__}: {error}"[:1000],
                )
                raise
            Notification.objects.filter(pk=notification.pk).update(
                email_status=Notification.EmailStatus.SENT,
                emailed_at=timezone.now(),
                email_attempts=notification.email_attempts + 1,
                email_error="",
            )
            sent += 1
    return sent


def notification_email_give_up(*, notification_ids: list[int]) -> None:
    Notification.objects.filter(
        pk__in=notification_ids, email_status=Notification.EmailStatus.PENDING
    ).update(email_status=Notification.EmailStatus.FAILED)


def notification_digest_send(*, user_id: int) -> int:
    """One mail with every notice waiting for the user's daily digest."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(pk=user_id)
    waiting = list(
        Notification.objects.filter(
            recipient_id=user_id, email_status=Notification.EmailStatus.DIGEST
        ).order_by("kind", "pk")
    )
    if not waiting or not user.email:
        return 0
    context = {"notifications": waiting, "user": user, "site_url": settings.SITE_URL}
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
