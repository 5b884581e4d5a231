"""Reads for mentorship: the mentor's home, the candidate's meetings, notifications."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from candidates.models import Candidate
from supportlead.access import pairings_mentored_by

from .models import ActionItem, Meeting, MentorPairing, Notification

RECENT_MEETINGS = 8


def pairing_due_state(pairing: MentorPairing, *, today: dt.date) -> dict:
    since = pairing.last_met_on or pairing.starts_on
    due_on = since + dt.timedelta(days=pairing.cadence_days)
    return {
        "since_days": (today - pairing.last_met_on).days if pairing.last_met_on else None,
        "due_on": due_on,
        "overdue": pairing.status == MentorPairing.Status.ACTIVE and due_on < today,
        "due_soon": pairing.status == MentorPairing.Status.ACTIVE
        and today <= due_on <= today + dt.timedelta(days=3),
    }


def mentor_home(*, user, today: dt.date | None = None) -> dict:
    """The mentor's mentees, due and overdue first, and their recent meetings."""
    today = today or timezone.localdate()
    pairings = list(
        pairings_mentored_by(user)
        .filter(status__in=(MentorPairing.Status.ACTIVE, MentorPairing.Status.PAUSED))
        .select_related("candidate__person__department")
    )
    for pairing in pairings:
        pairing.due = pairing_due_state(pairing, today=today)
    pairings.sort(
        key=lambda p: (
            p.status != MentorPairing.Status.ACTIVE,
            not p.due["overdue"],
            p.due["due_on"],
        )
    )
    recent = (
        Meeting.objects.filter(pairing__in=[p.pk for p in pairings])
        .select_related("pairing__candidate__person")
        .prefetch_related("topics", "action_items__owner")
        .order_by("-held_on", "-pk")[:RECENT_MEETINGS]
    )
    return {"pairings": pairings, "recent_meetings": recent}


def me_context(*, candidate: Candidate, user) -> dict:
    """What /me/ shows of the candidate's mentoring: shared notes and action items only."""
    pairing = (
        MentorPairing.objects.filter(candidate=candidate)
        .exclude(status=MentorPairing.Status.ENDED)
        .select_related("mentor")
        .order_by("status")
        .first()
    )
    meetings = (
        Meeting.objects.filter(pairing__candidate=candidate)
        .select_related("pairing__mentor")
        .prefetch_related(
            "topics",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
        )
        .defer("private_notes")
        .order_by("-held_on", "-pk")[:6]
    )
    open_items = (
        ActionItem.objects.filter(
            meeting__pairing__candidate=candidate, done_at__isnull=True, owner=candidate.person
        )
        .select_related("meeting")
        .order_by("due_on")[:10]
    )
    return {"mentor_pairing": pairing, "my_meetings": meetings, "my_action_items": open_items}


def notifications_for(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("read_at", "-created_at", "-pk")


def upcoming_meetings_for_mentor(*, mentor_id: int, today: dt.date) -> QuerySet[MentorPairing]:
    return (
        MentorPairing.objects.filter(
            mentor_id=mentor_id,
            status=MentorPairing.Status.ACTIVE,
            next_meeting_on__gte=today,
        )
        .select_related("candidate__person", "mentor")
        .order_by("next_meeting_on")
    )
