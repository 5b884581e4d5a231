"""Reads for mentorship: check-ins due, the mentor's home, the candidate's meetings."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Avg,
    BooleanField,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from candidates.access import candidates_managed_by
from candidates.models import Candidate, CandidateStatus, Level, Person
from common.actor import Actor
from common.sql import count_subquery

from .access import MENTORING_STATUSES, mentoring_now, pairings_mentored_by
from .models import (
    DEFAULT_MENTOR_CAPACITY,
    MEETING_EDIT_DAYS,
    ActionItem,
    Meeting,
    MeetingRating,
    MentorPairing,
    MentorProfile,
)

RECENT_MEETINGS = 8
DUE_SOON_DAYS = 3


def checkin_overdue_q(today: dt.date, prefix: str = "") -> Q:
    """THE rule for "a check-in is overdue": an active pairing whose due day (last
    meeting, or start, plus the cadence) has passed. Every page and the reminders use it."""
    return Q(**{f"{prefix}status": MentorPairing.Status.ACTIVE}) & Q(
        **{f"{prefix}checkin_due_on__lt": today}
    )


def checkin_overdue(today: dt.date, prefix: str = "") -> ExpressionWrapper:
    """The same rule as a column, for lists that show it per row."""
    return ExpressionWrapper(checkin_overdue_q(today, prefix), output_field=BooleanField())


def mentor_home(*, actor: Actor, today: dt.date | None = None) -> dict:
    """The mentor's mentees, overdue first, then by due day, and their recent meetings."""
    today = today or timezone.localdate()
    pairings = list(
        pairings_mentored_by(actor)
        .annotate(checkin_overdue=checkin_overdue(today))
        .select_related("candidate__person__department")
        .order_by("-status", "-checkin_overdue", "checkin_due_on", "pk")
    )
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    for pairing in pairings:
        pairing.due_soon = (
            pairing.status == MentorPairing.Status.ACTIVE
            and not pairing.checkin_overdue
            and pairing.checkin_due_on is not None
            and pairing.checkin_due_on <= soon
        )
    recent = (
        Meeting.objects.filter(pairing__in=[p.pk for p in pairings])
        .annotate(
            editable=ExpressionWrapper(
                Q(created_at__gte=meetings_editable_since(today)), output_field=BooleanField()
            )
        )
        .select_related("pairing__candidate__person")
        .prefetch_related(
            "topics",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
        )
        .order_by("-held_on", "-pk")[:RECENT_MEETINGS]
    )
    return {"pairings": pairings, "recent_meetings": recent, "today": today}


def open_action_items(*, pairing: MentorPairing) -> QuerySet[ActionItem]:
    """The pairing's action items not done yet, oldest due first."""
    return (
        ActionItem.objects.filter(meeting__pairing=pairing, done_at__isnull=True)
        .select_related("owner")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )


def meetings_editable_since(today: dt.date) -> dt.datetime:
    """Meetings logged after this moment can still be edited by their author."""
    start = today - dt.timedelta(days=MEETING_EDIT_DAYS)
    return timezone.make_aware(dt.datetime.combine(start, dt.time.min))


def pairing_meetings(*, pairing: MentorPairing, viewer_is_author_side: bool, today: dt.date):
    """All of a pairing's meetings, newest first, with their items; private notes are
    left out unless the actor is the mentor (who wrote them)."""
    meetings = (
        Meeting.objects.filter(pairing=pairing)
        .select_related("author")
        .prefetch_related(
            "topics",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
        )
        .annotate(
            editable=ExpressionWrapper(
                Q(created_at__gte=meetings_editable_since(today)), output_field=BooleanField()
            )
        )
        .order_by("-held_on", "-pk")
    )
    return meetings if viewer_is_author_side else meetings.defer("private_notes")


def potential_reads(*, candidate: Candidate, limit: int = 12) -> list[dict]:
    """The mentors' reads of the candidate's potential over time, oldest first (for
    managers in the line: a rating's input, as confidential as the rating)."""
    rows = list(
        Meeting.objects.filter(pairing__candidate=candidate, potential_read__isnull=False)
        .order_by("-held_on", "-pk")
        .values("held_on", "potential_read", "author__full_name")[:limit]
    )
    return rows[::-1]


def candidates_to_pair(*, actor: Actor) -> QuerySet[Candidate]:
    """Active candidates in the actor's line without an active mentor."""
    return (
        candidates_managed_by(actor)
        .filter(status=CandidateStatus.ACTIVE)
        .exclude(pairings__status=MentorPairing.Status.ACTIVE)
        .select_related("person")
        .order_by("person__full_name")
    )


def current_pairing(*, candidate: Candidate) -> MentorPairing | None:
    """The candidate's current pairing: the active one, else a paused one."""
    return (
        MentorPairing.objects.filter(candidate=candidate)
        .exclude(status=MentorPairing.Status.ENDED)
        .select_related("mentor")
        .order_by("status")  # active before paused
        .first()
    )


def me_context(*, candidate: Candidate) -> dict:
    """What /me/ shows of the candidate's mentoring: shared notes and action items only."""
    meetings = (
        Meeting.objects.filter(pairing__candidate=candidate)
        .select_related("pairing__mentor", "rating")
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
        .select_related("meeting", "owner")
        .order_by(F("due_on").asc(nulls_last=True), "pk")[:10]
    )
    return {
        "mentor_pairing": current_pairing(candidate=candidate),
        "my_meetings": meetings,
        "my_action_items": open_items,
        "today": timezone.localdate(),
    }


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


def mentor_capacity_column(person_ref: str = "pk") -> Coalesce:
    """A mentor's capacity as a column: HR's word, else the default."""
    return Coalesce(
        Subquery(MentorProfile.objects.filter(person=OuterRef(person_ref)).values("capacity")[:1]),
        Value(DEFAULT_MENTOR_CAPACITY),
        output_field=IntegerField(),
    )


def mentees_now_column(person_ref: str = "pk"):
    """How many people the person mentors now (active or paused pairings), as a column."""
    return count_subquery(
        MentorPairing.objects.filter(mentor=OuterRef(person_ref), status__in=MENTORING_STATUSES)
    )


# HR reads a mentor's usefulness only over this many of their mentees' ratings.
RATINGS_SHOWN_FROM = 5


def mentors_overview(*, query: str = "") -> QuerySet[Person]:
    """HR's mentors: whoever mentors now or has a profile (capacity, strengths), with
    mentees now, capacity, and their mentees' ratings: how many, and the average only
    from five (a smaller count never shows an average, so no rating can be traced)."""
    ratings = MeetingRating.objects.filter(meeting__pairing__mentor=OuterRef("pk")).order_by()
    # A name searched finds anyone who could mentor, so HR can set a newcomer's capacity.
    people = (
        Person.objects.filter(is_active=True, level__gte=Level.SENIOR_MANAGER)
        if query
        else Person.objects.filter(Q(mentor_profile__isnull=False) | Q(mentoring_now()))
    )
    people = (
        people.annotate(
            mentees=mentees_now_column(),
            capacity=mentor_capacity_column(),
            ratings_count=count_subquery(ratings),
            ratings_average=Subquery(
                ratings.values("meeting__pairing__mentor")
                .annotate(average=Avg("usefulness"))
                .values("average")[:1],
                output_field=FloatField(),
            ),
        )
        .select_related("department")
        .order_by("full_name", "pk")
    )
    for word in query.split():
        people = people.filter(full_name__icontains=word)
    return people
