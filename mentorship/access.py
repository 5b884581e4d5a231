"""Who may see what of mentoring, and the mentor's relation to a candidate, which the
apps above use too (a mentor reads their mentee's agreement and experiences).

- A mentor sees their own mentees (active or paused pairings) in the limited view: what
  the candidate sees plus the meeting log; private meeting notes stay the author's.
  When a pairing ends, the former mentor loses every route to it.
- Managers in the line see the pairings of their candidates; the candidate sees theirs.
- Anything out of reach answers 404.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from candidates.access import candidates_managed_by, manages_person, person_for, viewer_for
from candidates.models import Candidate

from .models import ActionItem, Meeting, MentorPairing

MENTORING_STATUSES = (MentorPairing.Status.ACTIVE, MentorPairing.Status.PAUSED)

_MENTOR_CACHE = "_supportlead_is_mentor"


def mentoring_now(person_ref: str = "pk") -> Exists:
    """Whether the person (at ``person_ref``) mentors someone now, as a column."""
    return Exists(
        MentorPairing.objects.filter(mentor=OuterRef(person_ref), status__in=MENTORING_STATUSES)
    )


def is_mentor_remember(user, value: bool) -> None:
    setattr(user, _MENTOR_CACHE, value)


def is_mentor(user) -> bool:
    """True when the user mentors someone now (cached on the user for the request)."""
    cached = getattr(user, _MENTOR_CACHE, None)
    if cached is None:
        person = person_for(user)
        cached = bool(
            person
            and MentorPairing.objects.filter(mentor=person, status__in=MENTORING_STATUSES).exists()
        )
        setattr(user, _MENTOR_CACHE, cached)
    return cached


def mentor_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_mentor(request.user):
            raise Http404("Page not found.")
        return view(request, *args, **kwargs)

    return wrapped


# --- A viewer's relation to one candidate ----------------------------------------------


class Relation(enum.IntEnum):
    """What a user is to one candidate, from least to most."""

    NONE = 0
    SELF = 1  # the candidate themself: their plan, never ratings
    MENTOR = 2  # limited: the candidate's view plus the meeting log
    MANAGER = 3  # in the line (or view_all_talent): everything


@dataclass(frozen=True)
class CandidatePermissions:
    relation: Relation
    view_all: bool = False  # the viewer holds view_all_talent (HR)

    @property
    def sees_confidential(self) -> bool:
        """Ratings, 9-box, flight risk, nominations, follow-ups."""
        return self.relation == Relation.MANAGER

    @property
    def can_manage(self) -> bool:
        """Rate, nominate, change status, pair, plan experiences."""
        return self.relation == Relation.MANAGER

    @property
    def is_mentor(self) -> bool:
        return self.relation == Relation.MENTOR

    @property
    def is_self(self) -> bool:
        return self.relation == Relation.SELF

    @property
    def sees_audit(self) -> bool:
        """Who opened this candidate's records: HR only (as the audit page)."""
        return self.view_all


def mentors_q(user, prefix: str = "") -> Q:
    """Candidates (at ``prefix``) the user mentors now."""
    person = person_for(user)
    if person is None:
        return Q(pk__in=[])
    return Q(
        Exists(
            MentorPairing.objects.filter(
                candidate=OuterRef(f"{prefix}pk" if prefix else "pk"),
                mentor=person,
                status__in=MENTORING_STATUSES,
            )
        )
    )


def candidate_relation(user, candidate: Candidate) -> Relation:
    person = person_for(user)
    if manages_person(user, candidate.person):
        return Relation.MANAGER
    if person is None:
        return Relation.NONE
    if MentorPairing.objects.filter(
        candidate=candidate, mentor=person, status__in=MENTORING_STATUSES
    ).exists():
        return Relation.MENTOR
    if candidate.person_id == person.pk:
        return Relation.SELF
    return Relation.NONE


def candidate_get_for_user(
    *, user, pk: int, minimum: Relation = Relation.MENTOR
) -> tuple[Candidate, CandidatePermissions]:
    """The candidate and what the user may do with them, or 404 below ``minimum``."""
    try:
        candidate = Candidate.objects.select_related("person__department", "nominated_by").get(
            pk=pk
        )
    except Candidate.DoesNotExist:
        raise Http404("No such candidate.") from None
    relation = candidate_relation(user, candidate)
    if relation < minimum:
        raise Http404("No such candidate.")
    return candidate, CandidatePermissions(relation, view_all=viewer_for(user).view_all)


# --- Pairings and meetings ------------------------------------------------------------


def pairings_mentored_by(user) -> QuerySet[MentorPairing]:
    """The user's current pairings as a mentor (ended ones are gone from their view)."""
    person = person_for(user)
    if person is None:
        return MentorPairing.objects.none()
    return MentorPairing.objects.filter(mentor=person, status__in=MENTORING_STATUSES)


def pairing_get_for_mentor(*, user, pk: int) -> MentorPairing:
    """A pairing the user mentors now (to log meetings), or 404."""
    try:
        return pairings_mentored_by(user).select_related("candidate__person", "mentor").get(pk=pk)
    except MentorPairing.DoesNotExist:
        raise Http404("No such pairing.") from None


def pairing_get_for_party(*, user, pk: int) -> tuple[MentorPairing, bool]:
    """A pairing the user is part of now, as its mentor or its mentee, and whether the
    user is the mentor; or 404. An ended pairing is the mentee's history only."""
    person = person_for(user)
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


def pairing_get_for_reader(*, user, pk: int) -> tuple[MentorPairing, bool]:
    """A pairing whose meetings the user may read: its mentor and mentee (as for the
    .ics), or a manager in the candidate's line (shared notes only); and whether the user
    is its mentor. Or 404."""
    try:
        return pairing_get_for_party(user=user, pk=pk)
    except Http404:
        return pairing_get_for_manager(user=user, pk=pk), False


def pairing_get_for_manager(*, user, pk: int) -> MentorPairing:
    """A pairing of a candidate the user manages (to pause or end it), or 404."""
    try:
        return (
            MentorPairing.objects.filter(candidate__in=candidates_managed_by(user).values("pk"))
            .select_related("candidate__person", "mentor")
            .get(pk=pk)
        )
    except MentorPairing.DoesNotExist:
        raise Http404("No such pairing.") from None


def meeting_get_for_author(*, user, pk: int) -> Meeting:
    """A meeting the user logged, on a pairing they still mentor, or 404."""
    person = person_for(user)
    try:
        return Meeting.objects.select_related("pairing__candidate__person").get(
            pk=pk, author=person, pairing__mentor=person, pairing__status__in=MENTORING_STATUSES
        )
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None


def action_item_get_for_user(*, user, pk: int) -> ActionItem:
    """An action item the user may close or reopen: theirs, or one of a pairing they
    mentor now; or 404."""
    person = person_for(user)
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
