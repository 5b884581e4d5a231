"""Who may see what of the talent base, answered once.

- A manager sees the candidates in their part of the org (direct and indirect reports),
  never themselves; an actor with ``view_all_talent`` (HR, the VP of support) sees
  everyone. Only they see ratings, the 9-box, flight risk and the pool itself.
- A mentor sees their own mentees (the relation mentorship registers in
  ``candidates.relations``) in a limited view: what the candidate sees, plus the
  meeting log.
- A candidate sees their own plan, never a rating and never the pool.
- Anything out of reach answers 404, so the existence of a record does not leak.

Every access call that hands a page a candidate's record also records the read in the
audit (``audit.record.read``), so no page can show it without its row.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404

from audit import record as audit
from common.actor import Actor, role_required
from common.sql import values_compiled
from notifications.selectors import unread_notifications

from .models import Candidate, Person
from .relations import mentor_rule

VIEW_ALL_TALENT = "candidates.view_all_talent"


# --- The actor ------------------------------------------------------------------------


_ACTOR_FLAGS = ("has_reports", "has_candidacy", "granted_view_all", "mentoring", "unread")


def _actor_row(*, user_id: int) -> QuerySet:
    """The one query that reads a signed-in user: their active person, whether they
    manage anyone, are in the pool, mentor someone, hold ``view_all_talent`` (directly
    or through a group), and their unread notices."""
    granted = Permission.objects.filter(
        content_type__app_label="candidates", codename="view_all_talent"
    ).filter(Q(user=OuterRef("user_id")) | Q(group__user=OuterRef("user_id")))
    rule = mentor_rule()
    return (
        Person.objects.filter(user_id=user_id, is_active=True)
        .annotate(
            has_reports=Exists(Person.objects.filter(manager=OuterRef("pk"), is_active=True)),
            has_candidacy=Exists(Candidate.objects.filter(person=OuterRef("pk"))),
            granted_view_all=Exists(granted),
            mentoring=rule.mentors_anyone("pk") if rule else Value(False),
            unread=unread_notifications(),
        )
        .order_by()
        .values(*_PERSON_FIELDS, *_ACTOR_FLAGS)[:1]
    )


_PERSON_FIELDS = tuple(field.attname for field in Person._meta.concrete_fields)


def actor_for(user, *, request=None) -> Actor:
    """The actor of a login, in one query, compiled once per process (every page asks
    it; building it cost more than running it). A login not linked to a person (an
    admin, a test) asks Django for the permission."""
    if user is None or not user.is_authenticated:
        return Actor(user=user, request=request)
    name = "actor" if mentor_rule() else "actor, no mentor rule"
    rows = values_compiled(name, _actor_row, user_id=user.pk)
    row = rows[0] if rows else None
    person = (
        Person.from_db(DEFAULT_DB_ALIAS, _PERSON_FIELDS, [row[f] for f in _PERSON_FIELDS])
        if row
        else None
    )
    if person is None:
        view_all = user.is_active and user.has_perm(VIEW_ALL_TALENT)
        return Actor(
            user=user,
            view_all_talent=view_all,
            manager=view_all,
            admin=user.is_staff,
            request=request,
        )
    view_all = user.is_active and (user.is_superuser or bool(row["granted_view_all"]))
    return Actor(
        user=user,
        person=person,
        view_all_talent=view_all,
        manager=view_all or bool(row["has_reports"]),
        candidate=bool(row["has_candidacy"]),
        mentor=bool(row["mentoring"]),
        admin=user.is_staff,
        unread_notifications=row["unread"] or 0,
        request=request,
    )


manager_required = role_required("manager")
candidate_required = role_required("candidate")
# HR's own pages (target profiles, the experience catalogue, fills from outside, audit).
view_all_talent_required = role_required("view_all_talent")


# --- The line -------------------------------------------------------------------------


def in_line_q(actor: Actor, prefix: str = "") -> Q:
    """People (at ``prefix``) whose confidential data the actor may see: everyone with
    ``view_all_talent``, otherwise the actor's line, never the actor themself."""
    person = actor.person
    if actor.view_all_talent:
        everyone = Q(**{f"{prefix}pk__isnull": False})
        return everyone & ~Q(**{f"{prefix}pk": person.pk}) if person else everyone
    if person is None or not actor.manager or not person.reporting_path:
        return Q(pk__in=[])
    return Q(**{f"{prefix}reporting_path__startswith": person.reporting_path}) & ~Q(
        **{f"{prefix}pk": person.pk}
    )


def line_paths_q(actor: Actor, field: str = "reporting_path") -> Q:
    """Rows carrying a reporting path of their own (``field``: a snapshot's copy of the
    path) that are in the actor's line: the same rule as ``in_line_q``."""
    person = actor.person
    own = Q(**{field: person.reporting_path}) if person else Q(pk__in=[])
    if actor.view_all_talent:
        return ~own if person else Q()
    if person is None or not actor.manager or not person.reporting_path:
        return Q(pk__in=[])
    return Q(**{f"{field}__startswith": person.reporting_path}) & ~own


def manages_person(actor: Actor, person: Person) -> bool:
    """True when ``person`` is in the actor's line (or the actor sees all talent)."""
    me = actor.person
    if me is not None and person.pk == me.pk:
        return False
    if actor.view_all_talent:
        return True
    return bool(
        actor.manager
        and me is not None
        and me.reporting_path
        and person.reporting_path.startswith(me.reporting_path)
    )


def may_rate_flight_risk(actor: Actor, person: Person) -> bool:
    """Whether the actor may read and rate ``person``'s flight risk: an active person in
    their line, pool or not (``person_get_managed`` is the same rule as a lookup)."""
    return person.is_active and manages_person(actor, person)


def candidates_managed_by(actor: Actor) -> QuerySet[Candidate]:
    """Candidates whose confidential data the actor may see: their org, or everyone."""
    return Candidate.objects.filter(in_line_q(actor, "person__"))


def people_managed_by(actor: Actor) -> QuerySet[Person]:
    """Active people the actor may nominate, rate or send on a rotation."""
    return Person.objects.filter(in_line_q(actor), is_active=True)


def talent_pool(actor: Actor, *, shown_as: str = audit.What.POOL) -> QuerySet[Candidate]:
    """The pool a manager browses (the pool, the 9-box, their CSV): the candidates in
    the actor's line, and the read recorded."""
    audit.read(actor, shown_as)
    return candidates_managed_by(actor)


# --- One candidate --------------------------------------------------------------------


class Relation(enum.IntEnum):
    """What an actor is to one candidate, from least to most."""

    NONE = 0
    SELF = 1  # the candidate themself: their plan, never ratings
    MENTOR = 2  # limited: the candidate's view plus the meeting log
    MANAGER = 3  # in the line (or view_all_talent): everything


@dataclass(frozen=True)
class CandidatePermissions:
    relation: Relation
    view_all_talent: bool = False

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
        return self.view_all_talent


def mentees_q(actor: Actor, prefix: str = "") -> Q:
    """Candidates (at ``prefix``) the actor mentors now."""
    rule = mentor_rule()
    if actor.person is None or rule is None:
        return Q(pk__in=[])
    return rule.mentees_q(actor.person.pk, prefix)


def candidate_relation(actor: Actor, candidate: Candidate) -> Relation:
    if manages_person(actor, candidate.person):
        return Relation.MANAGER
    if actor.person is None:
        return Relation.NONE
    if actor.mentor and Candidate.objects.filter(mentees_q(actor), pk=candidate.pk).exists():
        return Relation.MENTOR
    if candidate.person_id == actor.person.pk:
        return Relation.SELF
    return Relation.NONE


def candidate_get_for_user(
    *, actor: Actor, pk: int, minimum: Relation = Relation.MENTOR
) -> tuple[Candidate, CandidatePermissions]:
    """The candidate and what the actor may do with them, or 404 below ``minimum``. A
    mentor's or a manager's read is recorded."""
    try:
        candidate = Candidate.objects.select_related("person__department", "nominated_by").get(
            pk=pk
        )
    except Candidate.DoesNotExist:
        raise Http404("No such candidate.") from None
    relation = candidate_relation(actor, candidate)
    if relation < minimum:
        raise Http404("No such candidate.")
    if relation >= Relation.MENTOR:
        audit.read(actor, audit.What.PROFILE, person=candidate.person)
    return candidate, CandidatePermissions(relation, view_all_talent=actor.view_all_talent)


def candidate_get_managed(*, actor: Actor, pk: int) -> Candidate:
    """A candidate in the actor's line (to rate, nominate, plan for), or 404; the read
    is recorded."""
    try:
        candidate = candidates_managed_by(actor).select_related("person__department").get(pk=pk)
    except Candidate.DoesNotExist:
        raise Http404("No such candidate.") from None
    audit.read(actor, audit.What.PROFILE, person=candidate.person)
    return candidate


def candidate_for_self(*, actor: Actor) -> Candidate:
    """The actor's own candidacy (for /me/), or 404."""
    candidate = (
        Candidate.objects.select_related("person__department").filter(person=actor.person).first()
        if actor.candidate
        else None
    )
    if candidate is None:
        raise Http404("You are not in the succession pool.")
    return candidate


def person_get_managed(*, actor: Actor, pk: int) -> Person:
    """Someone active in the actor's line, not the actor (to read their flight risk), or
    404; the read is recorded."""
    person = people_managed_by(actor).select_related("department", "manager").filter(pk=pk).first()
    if person is None:
        raise Http404("No such person.")
    audit.read(actor, audit.What.PROFILE, person=person, label="flight risk")
    return person
