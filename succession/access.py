"""Who may see which key positions, nominations and follow-ups.

- ``view_all_talent``: every key position. A line manager: the positions held by
  themselves or someone in their line, those whose nominees they manage, and those
  they own.
- A nomination or a follow-up is reached through its candidate: in the actor's line
  (``candidates.access``), or 404.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from audit import record as audit
from candidates.access import candidates_managed_by, in_line_q
from candidates.models import Candidate, Person
from common.actor import Actor

from .models import (
    FillOutcome,
    FollowUp,
    KeyPosition,
    MustHave,
    PositionFill,
    SuccessorNomination,
)


def nomination_get_managed(*, actor: Actor, pk: int) -> SuccessorNomination:
    """An open successor nomination of a candidate in the actor's line, or 404; the
    read of its readiness is recorded."""
    nomination = (
        SuccessorNomination.objects.filter(
            pk=pk, is_active=True, candidate__in=candidates_managed_by(actor).values("pk")
        )
        .select_related(
            "position", "candidate__person", "readiness_confirmed_by", "nominated_by", "override_by"
        )
        .first()
    )
    if nomination is None:
        raise Http404("No such nomination.")
    audit.read(
        actor,
        audit.What.READINESS,
        person=nomination.candidate.person,
        label=nomination.position.title,
    )
    return nomination


def follow_up_get_managed(*, actor: Actor, pk: int) -> FollowUp:
    """An open follow-up about a candidate in the actor's line, or 404; the read of the
    candidate's record (who was passed over for what) is recorded."""
    follow_up = (
        FollowUp.objects.filter(
            pk=pk, done_at__isnull=True, candidate__in=candidates_managed_by(actor).values("pk")
        )
        .select_related("candidate__person", "position")
        .first()
    )
    if follow_up is None:
        raise Http404("No such follow-up.")
    audit.read(actor, audit.What.PROFILE, person=follow_up.candidate.person)
    return follow_up


def positions_visible_to(actor: Actor) -> QuerySet[KeyPosition]:
    """view_all_talent: every position. A line manager: positions held by themselves or
    by someone in their line, and positions whose nominees they manage. Each part is a
    set read through its index (the line's reporting paths, the nominations of its
    candidates), not a test of every position; the two are one UNION, whose size the
    planner estimates (an OR of two subqueries it guessed as 2,521 positions of 3,361
    when a manager sees 46, and joined every person to them: 32 ms, now 5)."""
    if actor.view_all_talent:
        return KeyPosition.objects.filter(is_active=True)
    if actor.person is None or not actor.manager:
        return KeyPosition.objects.none()
    held_in_line = Person.objects.filter(
        reporting_path__startswith=actor.person.reporting_path
    ).values("pk")  # the actor included: their path starts their line
    held = KeyPosition.objects.filter(incumbent__in=held_in_line).order_by().values("pk")
    owned = KeyPosition.objects.filter(owner=actor.person).order_by().values("pk")
    from_line = Candidate.objects.filter(in_line_q(actor, "person__")).values("pk")
    nominated = (
        SuccessorNomination.objects.filter(is_active=True, candidate__in=from_line)
        .order_by()
        .values("position_id")
    )
    return KeyPosition.objects.filter(is_active=True, pk__in=held.union(nominated, owned))


def positions_benched(actor: Actor) -> QuerySet[KeyPosition]:
    """The key positions page's list (their bench, the incumbents' flight risk): the
    positions the actor may see, and the read recorded."""
    audit.read(actor, audit.What.POSITION, label="Key positions")
    return positions_visible_to(actor)


def positions_covered(actor: Actor) -> QuerySet[KeyPosition]:
    """The coverage view's positions (it names ready-now successors in the line): the
    positions the actor may see, and the read recorded."""
    audit.read(actor, audit.What.POSITION, label="Coverage by time zone")
    return positions_visible_to(actor)


def position_get_for_user(*, actor: Actor, pk: int) -> KeyPosition:
    """A key position the actor may see, or 404; the read of its bench is recorded."""
    try:
        position = (
            positions_visible_to(actor)
            .select_related("department", "incumbent", "owner", "acting_cover")
            .get(pk=pk)
        )
    except KeyPosition.DoesNotExist:
        raise Http404("No such key position.") from None
    audit.read(actor, audit.What.POSITION, person=position.incumbent, label=position.title)
    return position


def may_keep_must_haves(actor: Actor, position: KeyPosition) -> bool:
    """HR and the position's owner list what a successor must have shown."""
    return actor.view_all_talent or (
        actor.person is not None and position.owner_id == actor.person.pk
    )


def may_decide_without_must_haves(actor: Actor, nomination: SuccessorNomination) -> bool:
    """A "ready now" that lacks fresh evidence for a must-have is a second person's
    decision: HR, or a manager above the nominator in their line; never the nominator."""
    person = actor.person
    nominator = nomination.nominated_by
    if person is None or person.pk == nominator.pk:
        return False
    return actor.view_all_talent or (
        nominator.reporting_path.startswith(person.reporting_path)
        and nominator.reporting_path != person.reporting_path
    )


def decider_names(nomination: SuccessorNomination) -> str:
    """Who may decide without the must-haves, as a refusal names them."""
    manager = nomination.nominated_by.manager
    return f"{manager.full_name} or HR" if manager is not None else "HR"


def position_get_kept(*, actor: Actor, pk: int) -> KeyPosition:
    """A key position the actor keeps (HR, its owner: its must-haves, its acting cover),
    or 404. What a seat asks and who covers it are no one's record: no read is recorded."""
    position = positions_visible_to(actor).select_related("department").filter(pk=pk).first()
    if position is None or not may_keep_must_haves(actor, position):
        raise Http404("No such page.")
    return position


def must_have_get_for_user(*, actor: Actor, pk: int) -> MustHave:
    """A must-have of a position the actor keeps, or 404."""
    must_have = MustHave.objects.filter(pk=pk).only("position_id").first()
    if must_have is None:
        raise Http404("No such must-have.")
    position = position_get_kept(actor=actor, pk=must_have.position_id)
    must_have = MustHave.objects.get(pk=pk)
    must_have.position = position
    return must_have


def fills_visible_to(actor: Actor) -> QuerySet[PositionFill]:
    """Fills whose newcomer is in the actor's line (everyone's for view_all_talent): how
    they are doing in the seat is theirs and their managers' to know."""
    return PositionFill.objects.filter(in_line_q(actor, "person__"))


def fills_outcomes_read(actor: Actor) -> QuerySet[PositionFill]:
    """The outcomes report's fills, and the read recorded (it names how people fare)."""
    audit.read(actor, audit.What.OUTCOME, label="Outcomes of fills")
    return fills_visible_to(actor)


def fill_get_for_user(*, actor: Actor, pk: int) -> PositionFill:
    """A fill whose newcomer is in the actor's line, or 404; the read is recorded."""
    fill = (
        fills_visible_to(actor)
        .select_related("position__department", "person__manager", "nominated_by", "recorded_by")
        .prefetch_related(
            Prefetch("outcomes", queryset=FillOutcome.objects.select_related("answered_by"))
        )
        .filter(pk=pk)
        .first()
    )
    if fill is None:
        raise Http404("No such fill.")
    audit.read(actor, audit.What.OUTCOME, person=fill.person, label=fill.position.title)
    return fill
