"""Who may see and change what. Every view, list, export, count and notification goes
through here (DESIGN.md, "Confidentiality").

- A manager sees the candidates in their part of the org (direct and indirect reports);
  a user with ``candidates.view_all_talent`` (HR, VP support) sees everyone. Only they
  see ratings, 9-box, flight risk and the pool itself.
- A mentor sees their own mentees (active or paused pairings) in the limited view: what
  the candidate sees plus the meeting log; private meeting notes stay the author's.
- A candidate sees their own agreement, plan, rotations, exposure and meetings, never a
  rating and never the pool.
- Anything out of reach answers 404, so the existence of a record does not leak.

Access is by relationship: one person can be a manager, a mentor and a candidate at once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from agreements.models import LeadershipAgreement
from candidates.models import Candidate, Person
from mentorship.models import Meeting, MentorPairing

VIEW_ALL_TALENT = "candidates.view_all_talent"
MENTORING_STATUSES = (MentorPairing.Status.ACTIVE, MentorPairing.Status.PAUSED)

# Fields of Candidate that only managers in the line (or view_all_talent) may see.
CONFIDENTIAL_CANDIDATE_FIELDS = (
    "performance",
    "potential",
    "flight_risk",
    "flight_risk_reason",
    "nominated_by",
    "nomination_reason",
)


class CandidateAccess(enum.IntEnum):
    """What a user may see of one candidate, from least to most."""

    NONE = 0
    SELF = 1  # the candidate themself: their plan, never ratings
    MENTOR = 2  # limited: the candidate's view plus the meeting log
    MANAGER = 3  # everything, ratings and flight risk included


@dataclass(frozen=True)
class Roles:
    person: Person | None
    view_all: bool
    manager: bool
    mentor: bool
    candidate: bool
    admin: bool

    @property
    def any(self) -> bool:
        return self.manager or self.mentor or self.candidate


_ROLES_CACHE = "_supportlead_roles"


def roles_for(user) -> Roles:
    """The user's roles, computed in one query and cached on the user for the request."""
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return Roles(None, False, False, False, False, False)
    person = (
        Person.objects.filter(user=user, is_active=True)
        .select_related("department")
        .annotate(
            has_reports=Exists(Person.objects.filter(manager=OuterRef("pk"), is_active=True)),
            has_mentees=Exists(
                MentorPairing.objects.filter(mentor=OuterRef("pk"), status__in=MENTORING_STATUSES)
            ),
            has_candidacy=Exists(Candidate.objects.filter(person=OuterRef("pk"))),
        )
        .first()
    )
    view_all = user.is_active and user.has_perm(VIEW_ALL_TALENT)
    roles = Roles(
        person=person,
        view_all=view_all,
        manager=view_all or bool(person and person.has_reports),
        mentor=bool(person and person.has_mentees),
        candidate=bool(person and person.has_candidacy),
        admin=user.is_staff,
    )
    setattr(user, _ROLES_CACHE, roles)
    return roles


def person_for(user) -> Person | None:
    return roles_for(user).person


# --- Candidates -----------------------------------------------------------------------


def candidates_managed_by(user) -> QuerySet[Candidate]:
    """Candidates whose confidential data the user may see: their org, or everyone."""
    roles = roles_for(user)
    if roles.view_all:
        return Candidate.objects.all()
    person = roles.person
    if person is None or not roles.manager or not person.reporting_path:
        return Candidate.objects.none()
    return Candidate.objects.filter(
        person__reporting_path__startswith=person.reporting_path
    ).exclude(person=person)


def candidates_mentored_by(user) -> QuerySet[Candidate]:
    person = person_for(user)
    if person is None:
        return Candidate.objects.none()
    return Candidate.objects.filter(
        Exists(
            MentorPairing.objects.filter(
                candidate=OuterRef("pk"), mentor=person, status__in=MENTORING_STATUSES
            )
        )
    )


def candidate_access(user, candidate: Candidate) -> CandidateAccess:
    roles = roles_for(user)
    person = roles.person
    if roles.view_all:
        return CandidateAccess.MANAGER
    if person is None:
        return CandidateAccess.NONE
    if (
        roles.manager
        and candidate.person_id != person.pk
        and candidate.person.is_in_line_of(person)
    ):
        return CandidateAccess.MANAGER
    if MentorPairing.objects.filter(
        candidate=candidate, mentor=person, status__in=MENTORING_STATUSES
    ).exists():
        return CandidateAccess.MENTOR
    if candidate.person_id == person.pk:
        return CandidateAccess.SELF
    return CandidateAccess.NONE


def candidate_get_for_user(
    *, user, pk: int, minimum: CandidateAccess = CandidateAccess.MENTOR
) -> tuple[Candidate, CandidateAccess]:
    """The candidate and the access level, or 404 when the user has less than ``minimum``."""
    try:
        candidate = Candidate.objects.select_related("person__department", "person__user").get(
            pk=pk
        )
    except Candidate.DoesNotExist:
        raise Http404("No such candidate.") from None
    access = candidate_access(user, candidate)
    if access < minimum:
        raise Http404("No such candidate.")
    return candidate, access


def candidate_for_self(*, user) -> Candidate:
    """The user's own candidacy (for /me/), or 404."""
    person = person_for(user)
    if person is None:
        raise Http404("You are not in the succession pool.")
    try:
        return Candidate.objects.select_related("person__department").get(person=person)
    except Candidate.DoesNotExist:
        raise Http404("You are not in the succession pool.") from None


def can_see_confidential(user, candidate: Candidate) -> bool:
    return candidate_access(user, candidate) >= CandidateAccess.MANAGER


# --- People ---------------------------------------------------------------------------


def people_managed_by(user) -> QuerySet[Person]:
    """People the user may nominate, rate or send on a rotation."""
    roles = roles_for(user)
    if roles.view_all:
        return Person.objects.filter(is_active=True)
    person = roles.person
    if person is None or not roles.manager or not person.reporting_path:
        return Person.objects.none()
    return Person.objects.filter(
        is_active=True, reporting_path__startswith=person.reporting_path
    ).exclude(pk=person.pk)


# --- Pairings and meetings ------------------------------------------------------------


def pairings_visible_to(user) -> QuerySet[MentorPairing]:
    person = person_for(user)
    if person is None:
        return MentorPairing.objects.none()
    return MentorPairing.objects.filter(
        Q(mentor=person)
        | Q(candidate__person=person)
        | Q(candidate__in=candidates_managed_by(user).values("pk"))
    )


def pairings_mentored_by(user) -> QuerySet[MentorPairing]:
    person = person_for(user)
    if person is None:
        return MentorPairing.objects.none()
    return MentorPairing.objects.filter(mentor=person)


def pairing_get_for_mentor(*, user, pk: int) -> MentorPairing:
    """A pairing the user mentors and can log meetings on (not ended), or 404."""
    try:
        return (
            pairings_mentored_by(user)
            .filter(status__in=MENTORING_STATUSES)
            .select_related("candidate__person", "mentor")
            .get(pk=pk)
        )
    except MentorPairing.DoesNotExist:
        raise Http404("No such pairing.") from None


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


def meetings_visible_to(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(pairing__in=pairings_visible_to(user).values("pk"))


def can_see_private_notes(user, meeting: Meeting) -> bool:
    person = person_for(user)
    return person is not None and meeting.author_id == person.pk


def meeting_get_for_author(*, user, pk: int) -> Meeting:
    person = person_for(user)
    try:
        return Meeting.objects.select_related("pairing__candidate__person").get(
            pk=pk, author=person, pairing__mentor=person
        )
    except Meeting.DoesNotExist:
        raise Http404("No such meeting.") from None


# --- Agreements -----------------------------------------------------------------------


class AgreementRole(enum.Enum):
    CANDIDATE = "candidate"
    SPONSOR = "sponsor"
    MANAGER = "manager"


def agreements_visible_to(user) -> QuerySet[LeadershipAgreement]:
    person = person_for(user)
    if person is None:
        if roles_for(user).view_all:
            return LeadershipAgreement.objects.all()
        return LeadershipAgreement.objects.none()
    return LeadershipAgreement.objects.filter(
        Q(candidate__person=person)
        | Q(sponsor=person)
        | Q(candidate__in=candidates_managed_by(user).values("pk"))
    )


def agreement_roles(user, agreement: LeadershipAgreement) -> set[AgreementRole]:
    person = person_for(user)
    found: set[AgreementRole] = set()
    if person is not None:
        if agreement.candidate.person_id == person.pk:
            found.add(AgreementRole.CANDIDATE)
        if agreement.sponsor_id == person.pk:
            found.add(AgreementRole.SPONSOR)
    if candidate_access(user, agreement.candidate) >= CandidateAccess.MANAGER and (
        person is None or agreement.candidate.person_id != person.pk
    ):
        found.add(AgreementRole.MANAGER)
    return found


def agreement_get_for_user(*, user, pk: int) -> tuple[LeadershipAgreement, set[AgreementRole]]:
    try:
        agreement = LeadershipAgreement.objects.select_related("candidate__person", "sponsor").get(
            pk=pk
        )
    except LeadershipAgreement.DoesNotExist:
        raise Http404("No such agreement.") from None
    found = agreement_roles(user, agreement)
    if not found:
        raise Http404("No such agreement.")
    return agreement, found
