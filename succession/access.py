"""Who may see which key positions, nominations and follow-ups.

- ``view_all_talent``: every key position. A line manager: the positions held by
  themselves or someone in their line, and those whose nominees they manage.
- A nomination or a follow-up is reached through its candidate: in the actor's line
  (``candidates.access``), or 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from audit import record as audit
from candidates.access import candidates_managed_by, in_line_q
from candidates.models import Candidate, Person
from common.actor import Actor

from .models import FollowUp, KeyPosition, SuccessorNomination


def nomination_get_managed(*, actor: Actor, pk: int) -> SuccessorNomination:
    """An open successor nomination of a candidate in the actor's line, or 404; the
    read of its readiness is recorded."""
    nomination = (
        SuccessorNomination.objects.filter(
            pk=pk, is_active=True, candidate__in=candidates_managed_by(actor).values("pk")
        )
        .select_related("position", "candidate__person", "readiness_confirmed_by")
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
    from_line = Candidate.objects.filter(in_line_q(actor, "person__")).values("pk")
    nominated = (
        SuccessorNomination.objects.filter(is_active=True, candidate__in=from_line)
        .order_by()
        .values("position_id")
    )
    return KeyPosition.objects.filter(is_active=True, pk__in=held.union(nominated))


def positions_benched(actor: Actor) -> QuerySet[KeyPosition]:
    """The key positions page's list (their bench, the incumbents' flight risk): the
    positions the actor may see, and the read recorded."""
    audit.read(actor, audit.What.POSITION, label="Key positions")
    return positions_visible_to(actor)


def position_get_for_user(*, actor: Actor, pk: int) -> KeyPosition:
    """A key position the actor may see, or 404; the read of its bench is recorded."""
    try:
        position = positions_visible_to(actor).select_related("department", "incumbent").get(pk=pk)
    except KeyPosition.DoesNotExist:
        raise Http404("No such key position.") from None
    audit.read(actor, audit.What.POSITION, person=position.incumbent, label=position.title)
    return position
