"""Who may see what of mentoring, and who mentors whom: the rule the talent base's one
relation rule reads (``candidates.relations``), so that every app can tell a mentor
without importing this one.

- A mentor sees their own mentees (active or paused pairings) in the limited view: what
  the candidate sees plus the meeting log; private meeting notes stay the author's.
  When a pairing ends, the former mentor loses every route to it.
- Managers in the line see the pairings of their candidates; the candidate sees theirs.
- Anything out of reach answers 404. A read of a meeting log by its mentor or a manager
  is recorded in the audit.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from audit import record as audit
from candidates.access import candidates_managed_by
from candidates.models import Level, Person
from candidates.relations import MentorRule
from common.actor import Actor, role_required

from .models import ActionItem, Meeting, MentorPairing

MENTORING_STATUSES = (MentorPairing.Status.ACTIVE, MentorPairing.Status.PAUSED)


def mentoring_now(person_ref: str = "pk") -> Exists:
    """Whether the person (at ``person_ref``) mentors someone now, as a column."""
    return Exists(
        MentorPairing.objects.filter(mentor=OuterRef(person_ref), status__in=MENTORING_STATUSES)
    )


def mentees_q(person_id: int, prefix: str = "") -> Q:
    """Candidates (at ``prefix``) whom the person mentors now."""
    return Q(
        Exists(
            MentorPairing.objects.filter(
                candidate=OuterRef(f"{prefix}pk" if prefix else "pk"),
                mentor_id=person_id,
                status__in=MENTORING_STATUSES,
            )
        )
    )


# Who mentors whom, as the talent base's one relation rule reads it (``apps.py``
# registers it at start-up).
MENTOR_RULE = MentorRule(mentors_anyone=mentoring_now, mentees_q=mentees_q)

mentor_required = role_required("mentor")


# --- Pairings and meetings ------------------------------------------------------------


def pairings_mentored_by(actor: Actor) -> QuerySet[MentorPairing]:
    """The actor's current pairings as a mentor (ended ones are gone from their view)."""
    person = actor.person
    if person is None:
        return MentorPairing.objects.none()
    return MentorPairing.objects.filter(mentor=person, status__in=MENTORING_STATUSES)


def pairing_get_for_mentor(*, actor: Actor, pk: int) -> MentorPairing:
    """A pairing the actor mentors now (to log meetings), or 404."""
    try:
        return pairings_mentored_by(actor).select_related("candidate__person", "mentor").get(pk=pk)
    except MentorPairing.DoesNotExist:
        raise Http404("No such pairing.") from None


def pairing_get_for_party(*, actor: Actor, pk: int) -> tuple[MentorPairing, bool]:
    """A pairing the actor is part of now, as its mentor or its mentee, and whether the
    actor is the mentor; or 404. An ended pairing is the mentee's history only."""
    person = actor.person
    if person is None:
        raise Http404("No such pairing.")
    pairing = (
        MentorPairing.objects.filter(
            Q(mentor=person, status__in=MENTORING_STATUSES) | Q(candidate__person=person)
        )
        .select_related("candidate__person", "mentor")
        .filter(pk=pk)
        .first()
    )
    if pairing is None:
        raise Http404("No such pairing.")
    is_mentor_side = pairing.mentor_id == person.pk and pairing.status in MENTORING_STATUSES
    return pairing, is_mentor_side


def pairing_get_for_reader(*, actor: Actor, pk: int) -> tuple[MentorPairing, bool]:
    """A pairing whose meetings the actor may read: its mentor and mentee (as for the
    .ics), or a manager in the candidate's line (shared notes only); and whether the
    actor is its mentor. Or 404. A mentor's or a manager's read is recorded (the mentee
    reads their own meetings)."""
    try:
        pairing, for_mentor = pairing_get_for_party(actor=actor, pk=pk)
    except Http404:
        pairing, for_mentor = pairing_get_for_manager(actor=actor, pk=pk), False
    if pairing.candidate.person_id != actor.person_id:
        audit.read(actor, audit.What.MEETINGS, person=pairing.candidate.person)
    return pairing, for_mentor


def pairing_get_for_manager(*, actor: Actor, pk: int) -> MentorPairing:
    """A pairing of a candidate the actor manages (to pause or end it), or 404."""
    try:
        return (
            MentorPairing.objects.filter(candidate__in=candidates_managed_by(actor).values("pk"))
            .select_related("candidate__person", "mentor")
            .get(pk=pk)
        )
    except MentorPairing.DoesNotExist:
        raise Http404("No such pairing.") from None


def meeting_get_for_author(*, actor: Actor, pk: int) -> Meeting:
    """A meeting the actor logged, on a pairing they still mentor, or 404; the read of
    its private notes and read of potential is recorded."""
    person = actor.person
    try:
        meeting = Meeting.objects.select_related("pairing__candidate__person").get(
            pk=pk, author=person, pairing__mentor=person, pairing__status__in=MENTORING_STATUSES
        )
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None
    audit.read(actor, audit.What.MEETINGS, person=meeting.pairing.candidate.person)
    return meeting


def action_item_get_for_user(*, actor: Actor, pk: int) -> ActionItem:
    """An action item the actor may close or reopen: theirs, or one of a pairing they
    mentor now; or 404."""
    person = actor.person
    item = (
        ActionItem.objects.filter(pk=pk)
        .filter(
            Q(owner=person)
            | Q(meeting__pairing__mentor=person, meeting__pairing__status__in=MENTORING_STATUSES)
        )
        .select_related("meeting__pairing")
        .first()
        if person
        else None
    )
    if item is None:
        raise Http404("No such action item.")
    return item


def meeting_get_for_mentee(*, actor: Actor, pk: int) -> Meeting:
    """A meeting of the actor's own mentoring (to rate it), or 404."""
    person = actor.person
    meeting = (
        Meeting.objects.select_related("pairing__mentor", "pairing__candidate__person", "rating")
        .filter(pk=pk, pairing__candidate__person=person)
        .first()
        if person
        else None
    )
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def mentor_get_for_hr(*, pk: int):
    """Someone who could mentor (active, a senior manager or above), for HR to set their
    capacity and strengths; or 404."""
    person = (
        Person.objects.select_related("department")
        .filter(pk=pk, is_active=True, level__gte=Level.SENIOR_MANAGER)
        .first()
    )
    if person is None:
        raise Http404("No such mentor.")
    return person


def candidate_to_pair_get(*, actor: Actor, candidates: QuerySet, pk: int):
    """A candidate of the actor's to pair (their mentor suggestions read their gaps, so
    the read is recorded), or None."""
    candidate = candidates.select_related("person").filter(pk=pk).first()
    if candidate is not None:
        audit.read(actor, audit.What.PROFILE, person=candidate.person, label="mentor suggestions")
    return candidate
