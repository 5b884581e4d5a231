"""What a manager may pick: the candidates who could succeed to a position, the positions
a candidate could succeed to, and the follow-ups owed in their line."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from candidates.access import candidates_managed_by
from candidates.models import Candidate, CandidateStatus
from common.actor import Actor

from ..access import positions_visible_to
from ..models import SUCCESSION_REACH_LEVELS, FollowUp, KeyPosition, SuccessorNomination


def successor_choices(*, actor: Actor, position: KeyPosition) -> QuerySet[Candidate]:
    """Active candidates in the actor's line who could succeed to ``position``: below its
    level (up to three levels), not its incumbent, not on its bench yet."""
    return (
        candidates_managed_by(actor)
        .filter(
            status=CandidateStatus.ACTIVE,
            person__level__lt=position.level,
            person__level__gte=position.level - SUCCESSION_REACH_LEVELS,
        )
        .exclude(person=position.incumbent_id)
        .exclude(
            Exists(
                SuccessorNomination.objects.filter(
                    candidate=OuterRef("pk"), position=position, is_active=True
                )
            )
        )
        .select_related("person")
        .order_by("person__full_name")
    )


def positions_within_reach(*, actor: Actor, candidate: Candidate) -> QuerySet[KeyPosition]:
    """The key positions the actor may see that the candidate could succeed to: one to
    ``SUCCESSION_REACH_LEVELS`` levels above their own, not one they hold."""
    level = candidate.person.level
    return (
        positions_visible_to(actor)
        .filter(level__gt=level, level__lte=level + SUCCESSION_REACH_LEVELS)
        .exclude(incumbent=candidate.person_id)
        .select_related("department")
        .order_by("-level", "title")
    )


def follow_ups_open_for_user(*, actor: Actor) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(
            done_at__isnull=True, candidate__in=candidates_managed_by(actor).values("pk")
        )
        .select_related("candidate__person", "position", "owner")
        .order_by("created_at")
    )
