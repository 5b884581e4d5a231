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
from ..signals import seat_taken
from .nominations import nominations_close


def _slate(*, position: KeyPosition, person: Person) -> dict:
    """The slate as it stands before a fill closes it: the newcomer's open nomination to
    this seat, if any, with its readiness, who called it and whether "ready now" was a
    human decision; and since when the seat has been empty."""
    nomination = (
        SuccessorNomination.objects.filter(
            position=position, candidate__person=person, is_active=True
        )
        .only("readiness", "nominated_by_id", "override_by_id")
        .first()
    )
    slate = {"vacant_since": position.vacant_since}
    if nomination is not None:
        slate.update(
            on_slate=True,
            readiness_at_fill=nomination.readiness,
            nominated_by_id=nomination.nominated_by_id,
            human_decision=nomination.override_by_id is not None,
        )
    return slate


def _seat_taken(
    *, actor: Actor, position: KeyPosition, person: Person, slate: dict, **fill
) -> PositionFill:
    """The newcomer takes the seat, and the fill keeps the slate as it stood."""
    fill.update(slate)
    position.incumbent = person
    position.vacant_since = None
    if position.acting_cover_id == person.pk:  # the cover took the seat: nobody covers now
        position.acting_cover, position.cover_from, position.cover_note = None, None, ""
    position.save(
        update_fields=["incumbent", "vacant_since", "acting_cover", "cover_from", "cover_note"]
    )
    return PositionFill.objects.create(
        position=position, person=person, recorded_by=actor.person, **fill
    )


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
    fill = _seat_taken(
        actor=actor,
        position=position,
        person=person,
        slate=_slate(position=position, person=person),
        filled_on=filled_on,
        from_pool=False,
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
    if position is not None:
        position = KeyPosition.objects.select_for_update().get(pk=position.pk)
        # Read before the graduation closes the nominations it would find.
        slate = _slate(position=position, person=candidate.person)
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
        fill = _seat_taken(
            actor=actor,
            position=position,
            person=candidate.person,
            slate=slate,
            filled_on=timezone.localdate(),
            from_pool=True,
            note=reason,
        )
        _passed_over_follow_ups(actor=actor, position=position, newcomer=candidate.person)
        seat_taken.send(sender=PositionFill, fill=fill, candidate=candidate, actor=actor)
    return candidate
