"""Successor nominations and their readiness: nominate, change or confirm a readiness
(each recorded in its history), close."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from candidates.models import Candidate, CandidateEvent, CandidateStatus
from candidates.services import candidate_event_record
from common.actor import Actor

from ..models import (
    SUCCESSION_REACH_LEVELS,
    KeyPosition,
    MustHave,
    Readiness,
    ReadinessChange,
    SuccessorNomination,
)
from .musthaves import ready_now_gate


def nomination_validate(*, candidate: Candidate, position: KeyPosition, readiness: str, note: str):
    """The position is within reach (one to three levels up), the candidate is active, and
    "ready now" more than one level up is a claim that needs its reason written down."""
    gap = position.level - candidate.person.level
    if candidate.status != CandidateStatus.ACTIVE:
        raise ValidationError(
            f"{candidate.person} is {candidate.get_status_display().lower()}: only active "
            "candidates are nominated as successors."
        )
    if not 1 <= gap <= SUCCESSION_REACH_LEVELS:
        raise ValidationError(
            {
                "position": (
                    f"{position.title} is a {position.get_level_display().lower()} position; "
                    f"{candidate.person} ({candidate.person.get_level_display().lower()}) can be "
                    f"nominated for positions one to {SUCCESSION_REACH_LEVELS} levels above "
                    "their own."
                )
            }
        )
    if readiness == Readiness.READY_NOW and gap > 1 and not note.strip():
        raise ValidationError(
            {
                "note": (
                    f"{position.title} is {gap} levels above {candidate.person}'s role: say why "
                    "they are ready now. The reason is shown on the position page."
                )
            }
        )


@transaction.atomic
def nomination_create(
    *, actor: Actor, candidate: Candidate, position, readiness: str, note: str = ""
):
    """Nominate a candidate as successor for a key position."""
    if position.incumbent_id == candidate.person_id:
        raise ValidationError({"position": "They already hold this position."})
    nomination_validate(candidate=candidate, position=position, readiness=readiness, note=note)
    if (
        readiness == Readiness.READY_NOW
        and MustHave.objects.filter(position_id=position.pk).exists()
    ):
        raise ValidationError(
            {
                "readiness": (
                    f"{position.title} has must-haves, and “ready now” rests on evidence for "
                    "each: nominate at another readiness, attach the evidence on the readiness "
                    "page, then set “ready now”."
                )
            }
        )
    if SuccessorNomination.objects.filter(
        position=position, candidate=candidate, is_active=True
    ).exists():
        raise ValidationError({"position": f"Already nominated for {position.title}."})
    nomination = SuccessorNomination(
        position=position,
        candidate=candidate,
        readiness=readiness,
        note=note,
        nominated_by=actor.person,
        nominated_on=timezone.localdate(),
        readiness_confirmed_on=timezone.localdate(),
        readiness_confirmed_by=actor.person,
    )
    nomination.full_clean()
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:  # a concurrent nomination for the same position won the race
        raise ValidationError({"position": f"Already nominated for {position.title}."}) from None
    _readiness_record(
        nomination=nomination,
        kind=ReadinessChange.Kind.NOMINATED,
        actor=actor,
        note=note,
    )
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.SUCCESSOR,
        summary=f"Nominated as successor for {position.title} ({nomination.get_readiness_display()})",
        detail=note,
        actor=actor,
        confidential=True,
    )
    return nomination


def _decision_set(*, actor: Actor, nomination: SuccessorNomination, decision: str) -> None:
    """Mark (or clear, with no ``decision``) "ready now" as a human decision."""
    nomination.override_by = actor.person if decision else None
    nomination.override_on = timezone.localdate() if decision else None
    nomination.override_reason = decision


@transaction.atomic
def nomination_change_readiness(
    *,
    actor: Actor,
    nomination,
    readiness: str,
    note: str,
    context: str = "",
    override_reason: str = "",
):
    """Change a readiness. "Ready now" passes the position's must-haves
    (``musthaves.ready_now_gate``) or is a second person's decision, recorded as one."""
    nomination = (
        SuccessorNomination.objects.select_for_update()
        .select_related("candidate__person", "position", "nominated_by")
        .get(pk=nomination.pk)
    )
    if nomination.readiness == readiness:
        return nomination  # idempotent: nothing changed, nothing recorded
    nomination_validate(
        candidate=nomination.candidate, position=nomination.position, readiness=readiness, note=note
    )
    decision = ""
    if readiness == Readiness.READY_NOW:
        decision = ready_now_gate(
            actor=actor, nomination=nomination, override_reason=override_reason
        )
    before = nomination.get_readiness_display()
    if readiness == Readiness.READY_NOW and note.strip():
        nomination.note = note  # the reason for "ready now", shown on the position page
    nomination.readiness = readiness
    nomination.readiness_changed_on = timezone.localdate()
    nomination.readiness_confirmed_on = timezone.localdate()
    nomination.readiness_confirmed_by = actor.person
    _decision_set(actor=actor, nomination=nomination, decision=decision)
    nomination.full_clean()
    nomination.save()
    _readiness_record(
        nomination=nomination, kind=ReadinessChange.Kind.CHANGED, actor=actor, note=note
    )
    if decision:
        _readiness_record(
            nomination=nomination, kind=ReadinessChange.Kind.OVERRIDDEN, actor=actor, note=decision
        )
    candidate_event_record(
        candidate=nomination.candidate,
        kind=CandidateEvent.Kind.READINESS,
        summary=(
            (f"{context}: r" if context else "R")
            + f"eadiness for {nomination.position.title}: {before} → "
            f"{nomination.get_readiness_display()}"
        ),
        detail=note,
        actor=actor,
        confidential=True,
    )
    return nomination


def _readiness_record(
    *, nomination: SuccessorNomination, kind: str, actor: Actor, note: str = ""
) -> ReadinessChange:
    return ReadinessChange.objects.create(
        nomination=nomination,
        kind=kind,
        readiness=nomination.readiness,
        changed_on=timezone.localdate(),
        changed_by=actor.person,
        note=note,
    )


@transaction.atomic
def nomination_confirm_readiness(
    *, actor: Actor, nomination: SuccessorNomination, note: str = ""
) -> SuccessorNomination:
    """The nominator (or another manager in the line) looked again and the readiness
    stands: it is fresh from today, and the history says who confirmed it. Confirming
    twice the same day by the same person records it once. A "ready now" is confirmed
    only while its must-haves are met, unless it stands as a human decision."""
    nomination = (
        SuccessorNomination.objects.select_for_update()
        .select_related("candidate__person", "position", "nominated_by")
        .get(pk=nomination.pk)
    )
    if not nomination.is_active:
        raise ValidationError("This nomination is closed: there is no readiness to confirm.")
    today = timezone.localdate()
    if (
        nomination.readiness_confirmed_on == today
        and nomination.readiness_confirmed_by_id == actor.person.pk
    ):
        return nomination
    if nomination.readiness == Readiness.READY_NOW and nomination.override_by_id is None:
        try:
            ready_now_gate(actor=actor, nomination=nomination, override_reason="")
        except ValidationError as error:
            raise ValidationError(
                " ".join(error.message_dict["readiness"])
                + " Set it again on the form below to decide it."
            ) from None
    nomination.readiness_confirmed_on = today
    nomination.readiness_confirmed_by = actor.person
    nomination.save(update_fields=["readiness_confirmed_on", "readiness_confirmed_by"])
    _readiness_record(
        nomination=nomination,
        kind=ReadinessChange.Kind.CONFIRMED,
        actor=actor,
        note=note,
    )
    candidate_event_record(
        candidate=nomination.candidate,
        kind=CandidateEvent.Kind.READINESS,
        summary=(
            f"Readiness for {nomination.position.title} confirmed: "
            f"{nomination.get_readiness_display()}"
        ),
        detail=note,
        actor=actor,
        confidential=True,
    )
    return nomination


def nomination_evidence_latest_set(
    *, nomination: SuccessorNomination, latest_on: dt.date | None
) -> None:
    """The date of the newest evidence attached to the readiness (kept by the app that
    holds the evidence, ``succession``): with the last confirmation, its freshness."""
    SuccessorNomination.objects.filter(pk=nomination.pk).update(evidence_latest_on=latest_on)
    nomination.evidence_latest_on = latest_on


def nominations_close(*, candidate: Candidate) -> int:
    """Close the candidate's open nominations (they left the pool, or took a position):
    kept in the history, off every bench."""
    return SuccessorNomination.objects.filter(candidate=candidate, is_active=True).update(
        is_active=False, closed_on=timezone.localdate()
    )


@transaction.atomic
def nomination_withdraw(
    *, actor: Actor, nomination: SuccessorNomination, reason: str
) -> SuccessorNomination:
    """End a successor nomination, with the reason: off the bench, kept in its history
    (the readiness history says who withdrew it, when and why) and on the candidate's
    timeline. Withdrawing one already closed changes nothing."""
    nomination = (
        SuccessorNomination.objects.select_for_update()
        .select_related("candidate__person", "position")
        .get(pk=nomination.pk)
    )
    if not nomination.is_active:
        return nomination
    if not reason.strip():
        raise ValidationError({"reason": "Say why the nomination is withdrawn."})
    nomination.is_active = False
    nomination.closed_on = timezone.localdate()
    nomination.closed_reason = reason.strip()
    nomination.save(update_fields=["is_active", "closed_on", "closed_reason"])
    _readiness_record(
        nomination=nomination, kind=ReadinessChange.Kind.WITHDRAWN, actor=actor, note=reason
    )
    candidate_event_record(
        candidate=nomination.candidate,
        kind=CandidateEvent.Kind.READINESS,
        summary=f"Successor nomination for {nomination.position.title} withdrawn",
        detail=reason,
        actor=actor,
        confidential=True,
    )
    return nomination
