"""A key position filled (by a graduate of the pool or from outside), and the
conversations a fill owes the people passed over."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candidates.models import Candidate, CandidateEvent, CandidateStatus, Person
from candidates.services import candidate_change_status, candidate_event_record
from common.actor import Actor

from ..models import FollowUp, KeyPosition, PositionFill, SuccessorNomination
from .nominations import nominations_close


@transaction.atomic
def position_fill_record(
    *,
    actor: Actor,
    position: KeyPosition,
    person: Person,
    filled_on: dt.date | None = None,
    note: str = "",
) -> PositionFill:
    """Someone from outside the succession pool took a key position (a graduate takes
    it through ``candidate_status_change``). They become its incumbent; the other
    nominees are owed a conversation as with a graduation."""
    filled_on = filled_on or timezone.localdate()
    if filled_on > timezone.localdate():
        raise ValidationError({"filled_on": "Record a fill once it happened: not a future date."})
    candidacy = Candidate.objects.filter(person=person).first()
    if candidacy is not None and candidacy.status == CandidateStatus.ACTIVE:
        raise ValidationError(
            {
                "email": (
                    f"{person} is in the succession pool: graduate them from their profile, "
                    "which closes their nominations and counts as an internal fill."
                )
            }
        )
    position = KeyPosition.objects.select_for_update().get(pk=position.pk)
    if position.incumbent_id == person.pk:
        raise ValidationError({"email": f"{person} already holds {position.title}."})
    position.incumbent = person
    position.save(update_fields=["incumbent"])
    fill = PositionFill.objects.create(
        position=position,
        person=person,
        filled_on=filled_on,
        from_pool=False,
        recorded_by=actor.person,
        note=note,
    )
    _passed_over_follow_ups(actor=actor, position=position, newcomer=person)
    return fill


def _passed_over_follow_ups(*, actor: Actor, position: KeyPosition, newcomer: Person):
    """Every other active nominee of a position just filled is owed a conversation."""
    others = (
        SuccessorNomination.objects.filter(position=position, is_active=True)
        .exclude(candidate__person=newcomer)
        .select_related("candidate__person")
    )
    for nomination in others:
        FollowUp.objects.get_or_create(
            candidate=nomination.candidate,
            position=position,
            kind=FollowUp.Kind.PASSED_OVER,
            done_at=None,
            defaults={
                "owner": actor.person,
                "description": (
                    f"{newcomer} got {position.title}. Talk to "
                    f"{nomination.candidate.person} about what it means for them."
                ),
            },
        )
        candidate_event_record(
            candidate=nomination.candidate,
            kind=CandidateEvent.Kind.FOLLOW_UP,
            summary=f"Passed over for {position.title}: a conversation is due",
            actor=actor,
            confidential=True,
        )


@transaction.atomic
def follow_up_complete(*, actor: Actor, follow_up, outcome: str):
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at:
        return follow_up
    follow_up.done_at = timezone.now()
    follow_up.done_by = actor.person
    follow_up.outcome = outcome
    follow_up.save()
    candidate_event_record(
        candidate=follow_up.candidate,
        kind=CandidateEvent.Kind.FOLLOW_UP,
        summary=f"Follow-up done: {follow_up.get_kind_display().lower()}",
        detail=outcome,
        actor=actor,
        confidential=True,
    )
    return follow_up


@transaction.atomic
def candidate_status_change(
    *, actor: Actor, candidate: Candidate, status: str, reason: str = "", position=None
) -> Candidate:
    """Pause, resume, exit or graduate, and what it means for succession. Exiting or
    graduating closes the candidate's nominations. Graduating into a key position makes
    the candidate its incumbent and opens a follow-up for every other nominee of that
    position: people passed over resent it or leave. A graduate can graduate again into
    another position, in one step."""
    if status == CandidateStatus.GRADUATED and position is None:
        raise ValidationError({"position": "Choose the key position they graduate into."})
    if status != CandidateStatus.GRADUATED and position is not None:
        raise ValidationError({"position": "A position is only for a graduation."})
    if position is not None and position.incumbent_id == candidate.person_id:
        raise ValidationError({"position": f"{candidate.person} already holds {position.title}."})
    candidate = candidate_change_status(
        actor=actor,
        candidate=candidate,
        status=status,
        reason=reason,
        outcome=f"now {position.title}" if position is not None else "",
    )
    if status in (CandidateStatus.GRADUATED, CandidateStatus.EXITED):
        nominations_close(candidate=candidate)
    if position is not None:
        position = KeyPosition.objects.select_for_update().get(pk=position.pk)
        position.incumbent = candidate.person
        position.save(update_fields=["incumbent"])
        PositionFill.objects.create(
            position=position,
            person=candidate.person,
            filled_on=timezone.localdate(),
            from_pool=True,
            recorded_by=actor.person,
            note=reason,
        )
        _passed_over_follow_ups(actor=actor, position=position, newcomer=candidate.person)
    return candidate
