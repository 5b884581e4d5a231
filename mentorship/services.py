"""Writes for mentorship: pairings and the meeting log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from candidates.models import Candidate, CandidateEvent, Person
from candidates.services import candidate_event_record
from common.actor import Actor

from .models import (
    MEETING_EDIT_DAYS,
    ActionItem,
    Meeting,
    MeetingRating,
    MentorPairing,
    MentorProfile,
)
from .selectors import meetings_editable_since, mentees_now_column, mentor_capacity_column

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
    load = (
        Person.objects.filter(pk=mentor.pk)
        .annotate(mentees=mentees_now_column(), capacity=mentor_capacity_column())
        .values("mentees", "capacity")
        .get()
    )
    mentees, capacity = load["mentees"], load["capacity"]
    if mentees >= capacity:
        raise ValidationError(
            {
                "mentor": f"{mentor} already mentors {mentees}, their capacity of {capacity}: "
                "choose someone with room, or ask HR to raise it."
            }
        )


@transaction.atomic
def mentor_profile_save(*, actor: Actor, mentor: Person, capacity: int, strengths) -> MentorProfile:
    """HR sets how many mentees someone can take and what they are strong in."""
    if capacity < 0 or capacity > 12:
        raise ValidationError({"capacity": "A mentor takes 0 to 12 mentees."})
    profile = MentorProfile.objects.filter(person=mentor).first() or MentorProfile(person=mentor)
    profile.capacity = capacity
    profile.updated_by = actor.person
    profile.updated_on = timezone.localdate()
    profile.full_clean()
    profile.save()
    profile.strengths.set(strengths)
    return profile


@transaction.atomic
def meeting_rate(
    *, actor: Actor, meeting: Meeting, usefulness: int, comment: str = ""
) -> MeetingRating:
    """The mentee's private word on a meeting (theirs to change); the mentor never sees
    it."""
    if actor.person is None or meeting.pairing.candidate.person_id != actor.person.pk:
        raise ValidationError("Only the mentee rates their meeting.")
    rating = MeetingRating.objects.filter(meeting=meeting).first() or MeetingRating(meeting=meeting)
    rating.usefulness = usefulness
    rating.comment = comment
    rating.rated_on = timezone.localdate()
    rating.full_clean()
    rating.save()
    return rating


@transaction.atomic
def pairing_create(
    *,
    actor: Actor,
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
        created_by=actor.person,
    )
    pairing.full_clean()
    try:
        with transaction.atomic():
            pairing.save()
            pairing_dates_refresh(pairing)
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
    *, actor: Actor, pairing: MentorPairing, status: str, reason: str = ""
) -> MentorPairing:
    """Pause, resume or end a pairing; the history stays."""
    pairing = MentorPairing.objects.select_for_update().get(pk=pairing.pk)
    if pairing.status == status:
        return pairing
    if pairing.status == MentorPairing.Status.ENDED:
        raise ValidationError("An ended pairing cannot be reopened: create a new one.")
    if status == MentorPairing.Status.ENDED and not reason.strip():
        raise ValidationError({"reason": "Say why the pairing ends (it stays in the history)."})
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
    if pairing.next_meeting_on:
        pairing.calendar_sequence += 1  # the planned meeting is off, or back on
    if status == MentorPairing.Status.ENDED:
        pairing.ends_on = max(timezone.localdate(), pairing.starts_on)
        pairing.ended_reason = reason
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


@transaction.atomic
def pairing_update(
    *, actor: Actor, pairing: MentorPairing, cadence_days: int, format: str, goals: str
) -> MentorPairing:
    """Correct a pairing's cadence, format and goals; the check-in due day follows."""
    pairing = MentorPairing.objects.select_for_update().get(pk=pairing.pk)
    if pairing.status == MentorPairing.Status.ENDED:
        raise ValidationError("An ended pairing stays as it was.")
    pairing.cadence_days = cadence_days
    pairing.format = format
    pairing.goals = goals
    pairing.full_clean()
    pairing.save()
    pairing_dates_refresh(pairing)
    candidate_event_record(
        candidate=pairing.candidate,
        kind=CandidateEvent.Kind.PAIRING,
        summary=f"Mentoring by {pairing.mentor} changed: every {cadence_days} days, "
        f"{pairing.get_format_display().lower()}",
        detail=goals,
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


def checkin_due_on(
    *, last_met_on: dt.date | None, starts_on: dt.date, cadence_days: int
) -> dt.date:
    """The day the next check-in is due: the last meeting (or the start) plus the cadence."""
    return (last_met_on or starts_on) + dt.timedelta(days=cadence_days)


def pairing_dates_refresh(pairing: MentorPairing) -> None:
    """The pairing's copies of its latest meeting's dates, and the day the next check-in
    is due (the last meeting, or the start, plus the cadence): the one place they are
    computed."""
    latest = pairing.meetings.order_by("-held_on", "-pk").first()
    planned = (pairing.next_meeting_on, pairing.next_meeting_time)
    pairing.last_met_on = latest.held_on if latest else None
    pairing.next_meeting_on = latest.next_meeting_on if latest else None
    pairing.next_meeting_time = latest.next_meeting_time if latest else None
    if planned != (pairing.next_meeting_on, pairing.next_meeting_time):
        pairing.calendar_sequence += 1  # the invitation moved (or was dropped)
    pairing.checkin_due_on = checkin_due_on(
        last_met_on=pairing.last_met_on,
        starts_on=pairing.starts_on,
        cadence_days=pairing.cadence_days,
    )
    pairing.save(
        update_fields=[
            "last_met_on",
            "next_meeting_on",
            "next_meeting_time",
            "checkin_due_on",
            "calendar_sequence",
        ]
    )


@transaction.atomic
def meeting_log(
    *,
    actor: Actor,
    pairing: MentorPairing,
    held_on: dt.date,
    duration_minutes: int,
    format: str,
    topics=(),
    other_topics: str = "",
    shared_notes: str = "",
    private_notes: str = "",
    next_meeting_on: dt.date | None = None,
    next_meeting_time: dt.time | None = None,
    potential_read: int | None = None,
    action_items: list[dict] = (),
    items_done=(),
) -> Meeting:
    """Log a meeting with its action items; the open items of earlier meetings that the
    mentor ticked (``items_done``) are closed; the pairing's last/next dates follow."""
    pairing = MentorPairing.objects.select_for_update().get(pk=pairing.pk)
    if pairing.mentor_id != actor.person_id:
        raise ValidationError("Only the pairing's mentor logs its meetings.")
    _meeting_validate(pairing=pairing, held_on=held_on, next_meeting_on=next_meeting_on)
    meeting = Meeting(
        pairing=pairing,
        author=actor.person,
        held_on=held_on,
        duration_minutes=duration_minutes,
        format=format,
        other_topics=other_topics,
        shared_notes=shared_notes,
        private_notes=private_notes,
        next_meeting_on=next_meeting_on,
        next_meeting_time=next_meeting_time if next_meeting_on else None,
        potential_read=potential_read,
    )
    meeting.full_clean()
    meeting.save()
    meeting.topics.set(topics)
    for item in action_items:
        action = ActionItem(meeting=meeting, **item)
        action.full_clean()
        action.save()
    ActionItem.objects.filter(
        pk__in=[item.pk for item in items_done],
        meeting__pairing=pairing,
        done_at__isnull=True,
    ).update(done_at=timezone.now())
    pairing_dates_refresh(pairing)
    candidate_event_record(
        candidate=pairing.candidate,
        kind=CandidateEvent.Kind.MEETING,
        summary=f"Mentor meeting with {actor.person} ({duration_minutes} min)",
        detail=shared_notes[:500],
        url=reverse("mentorship:pairing_meetings", args=[pairing.pk]) + f"#meeting-{meeting.pk}",
        actor=actor,
        occurred_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(12, 0))),
    )
    return meeting


def meeting_is_editable(meeting: Meeting, *, today: dt.date | None = None) -> bool:
    return meeting.created_at >= meetings_editable_since(today or timezone.localdate())


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    revision: int,
    held_on: dt.date,
    duration_minutes: int,
    format: str,
    other_topics: str = "",
    shared_notes: str = "",
    private_notes: str = "",
    next_meeting_on: dt.date | None = None,
    next_meeting_time: dt.time | None = None,
    potential_read: int | None = None,
    action_items: list[dict] | None = None,
    topics=None,
) -> Meeting:
    """The author edits a meeting within 7 days; a stale revision is refused."""
    meeting = Meeting.objects.select_for_update().select_related("pairing").get(pk=meeting.pk)
    if meeting.author_id != actor.person_id:
        raise ValidationError("Only the author edits a meeting.")
    if not meeting_is_editable(meeting):
        raise ValidationError(
            f"A meeting can be edited for {MEETING_EDIT_DAYS} days after it was logged."
        )
    if meeting.revision != revision:
        raise ValidationError("Someone saved this meeting meanwhile: reload it and edit again.")
    _meeting_validate(pairing=meeting.pairing, held_on=held_on, next_meeting_on=next_meeting_on)
    meeting.held_on = held_on
    meeting.duration_minutes = duration_minutes
    meeting.format = format
    meeting.other_topics = other_topics
    meeting.shared_notes = shared_notes
    meeting.private_notes = private_notes
    meeting.next_meeting_on = next_meeting_on
    meeting.next_meeting_time = next_meeting_time if next_meeting_on else None
    meeting.potential_read = potential_read
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
    pairing_dates_refresh(meeting.pairing)
    return meeting


@transaction.atomic
def action_item_set_done(*, actor: Actor, item: ActionItem, done: bool) -> ActionItem:
    """Mark an action item done, or open it again: its owner or the pairing's mentor.
    Idempotent: marking a done item done again changes nothing."""
    item = ActionItem.objects.select_for_update().select_related("meeting__pairing").get(pk=item.pk)
    if actor.person_id not in (item.owner_id, item.meeting.pairing.mentor_id):
        raise ValidationError("Only the owner of an action item or the mentor closes it.")
    if done == (item.done_at is not None):
        return item
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    return item
