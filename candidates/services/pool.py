"""The succession pool: nominate someone, rate them (performance, potential, flight risk,
competencies), change their status, and the timeline every app writes to."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.actor import SYSTEM, Actor

from ..models import (
    Candidate,
    CandidateEvent,
    CandidateStatus,
    Competency,
    CompetencyRating,
    FlightRisk,
    JoinedBy,
    Person,
    PersonFlightRisk,
    TalentRating,
)


def candidate_event_record(
    *,
    candidate: Candidate,
    kind: str,
    summary: str,
    actor: Actor = SYSTEM,
    confidential: bool = False,
    detail: str = "",
    url: str = "",
    occurred_at: dt.datetime | None = None,
) -> CandidateEvent:
    """Add one line to the candidate's timeline (called by the service that did the thing)."""
    return CandidateEvent.objects.create(
        candidate=candidate,
        kind=kind,
        summary=summary[:300],
        actor=actor.person,
        confidential=confidential,
        detail=detail,
        url=url,
        occurred_at=occurred_at or timezone.now(),
    )


@transaction.atomic
def candidate_nominate(
    *,
    actor: Actor,
    person: Person,
    reason: str,
    performance: int,
    potential: int,
    flight_risk: str,
    flight_risk_reason: str = "",
    motivators: str = "",
) -> Candidate:
    """Put a person in the succession pool, with the first rating on record."""
    if Candidate.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already in the succession pool."})
    now = timezone.now()
    candidate = Candidate(
        person=person,
        status=CandidateStatus.ACTIVE,
        nominated_by=actor.person,
        nominated_on=timezone.localdate(),
        nomination_reason=reason,
        motivators=motivators,
        performance=performance,
        potential=potential,
        flight_risk=flight_risk,
        flight_risk_reason=flight_risk_reason,
    )
    candidate.full_clean()
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:  # a concurrent nomination of the same person won the race
        raise ValidationError({"person": f"{person} is already in the succession pool."}) from None
    rating = TalentRating(
        candidate=candidate,
        performance=performance,
        potential=potential,
        flight_risk=flight_risk,
        reason=f"Nomination: {reason}",
        rated_by=actor.person,
        rated_at=now,
    )
    rating.full_clean()
    rating.save()
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.NOMINATED,
        summary=f"Nominated to the succession pool by {actor.person}",
        detail=reason,
        actor=actor,
        confidential=True,
        occurred_at=now,
    )
    return candidate


@transaction.atomic
def candidate_join_by_application(*, actor: Actor, person: Person, reason: str) -> Candidate:
    """Someone the programme's panel accepted joins the pool, "by application": not yet
    rated (their managers rate them as for anyone), nominated by whoever formed the
    cohort, with the intake as the reason."""
    if Candidate.objects.filter(person=person).exists():
        raise ValidationError(f"{person} is already in the succession pool.")
    candidate = Candidate(
        person=person,
        status=CandidateStatus.ACTIVE,
        nominated_by=actor.person,
        nominated_on=timezone.localdate(),
        nomination_reason=reason,
        joined_by=JoinedBy.APPLICATION,
    )
    candidate.full_clean()
    candidate.save()
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.NOMINATED,
        summary="Joined the succession pool by application",
        detail=reason,
        actor=actor,
    )
    return candidate


@transaction.atomic
def candidate_rate(
    *,
    actor: Actor,
    candidate: Candidate,
    performance: int,
    potential: int,
    flight_risk: str,
    reason: str,
    flight_risk_reason: str = "",
    context: str = "",
) -> Candidate:
    """A new rating: kept next to the earlier ones, never over them. ``context`` names
    where it was decided (a talent review) on the timeline."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    now = timezone.now()
    rating = TalentRating(
        candidate=candidate,
        performance=performance,
        potential=potential,
        flight_risk=flight_risk,
        reason=reason,
        rated_by=actor.person,
        rated_at=now,
    )
    rating.full_clean()
    rating.save()
    before = (candidate.performance, candidate.potential, candidate.flight_risk)
    candidate.performance = performance
    candidate.potential = potential
    candidate.flight_risk = flight_risk
    candidate.flight_risk_reason = flight_risk_reason
    candidate.full_clean()
    candidate.save()
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.RATED,
        summary=(
            (f"{context}: r" if context else "R")
            + f"ated performance {performance}/3, potential {potential}/3, flight risk "
            f"{flight_risk} (was {before[0] or '–'}/{before[1] or '–'}, {before[2]})"
        ),
        detail=reason,
        actor=actor,
        confidential=True,
        occurred_at=now,
    )
    return candidate


@transaction.atomic
def candidate_change_status(
    *,
    actor: Actor,
    candidate: Candidate,
    status: str,
    reason: str = "",
    outcome: str = "",
) -> Candidate:
    """Pause, resume, exit or graduate, as the pool sees it: the status, its reason and
    the timeline (``outcome`` says what it led to, e.g. the position a graduate took).
    What a status means for succession (nominations closed, the position filled) is
    ``succession.services.candidate_status_change``, which calls this."""
    candidate = Candidate.objects.select_for_update().select_related("person").get(pk=candidate.pk)
    if status == CandidateStatus.EXITED and not reason.strip():
        raise ValidationError({"reason": "Say why they leave the pool (it stays in the history)."})
    if candidate.status == status and status != CandidateStatus.GRADUATED:
        return candidate
    previous = candidate.get_status_display()
    candidate.status = status
    candidate.status_changed_on = timezone.localdate()
    candidate.status_reason = reason
    candidate.full_clean()
    candidate.save()
    summary = (
        f"Status {previous} → {candidate.get_status_display()}"
        if previous != candidate.get_status_display()
        else "Graduated again"
    )
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.STATUS,
        summary=summary + (f": {outcome}" if outcome else ""),
        detail=reason,
        actor=actor,
        confidential=True,
    )
    return candidate


@transaction.atomic
def competencies_rate(
    *,
    actor: Actor,
    candidate: Candidate,
    scores: dict[int, int],
    note: str = "",
    rated_on: dt.date | None = None,
) -> list[CompetencyRating]:
    """Rate some or all competencies (1–5), dated and signed; earlier ratings stay in the
    history. Rating the same competency again on the same day corrects that day's score."""
    rated_on = rated_on or timezone.localdate()
    if rated_on > timezone.localdate():
        raise ValidationError({"rated_on": "A rating is of what was seen: not a future date."})
    if not scores:
        raise ValidationError("Score at least one competency.")
    competencies = {c.pk: c for c in Competency.objects.filter(pk__in=scores, is_active=True)}
    saved = []
    for competency_id, score in scores.items():
        competency = competencies.get(competency_id)
        if competency is None:
            raise ValidationError("That competency is not in the model any more.")
        rating, _ = CompetencyRating.objects.update_or_create(
            candidate=candidate,
            competency=competency,
            rated_by=actor.person,
            rated_on=rated_on,
            defaults={"score": score, "note": note},
        )
        rating.full_clean()
        saved.append(rating)
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.COMPETENCY,
        summary=f"Competencies rated ({len(saved)}): "
        + ", ".join(f"{r.competency.name} {r.score}/5" for r in saved),
        detail=note,
        actor=actor,
        confidential=True,
    )
    return saved


@transaction.atomic
def person_flight_risk_rate(
    *, actor: Actor, person: Person, risk: str, reason: str
) -> PersonFlightRisk:
    """A manager's read of whether someone in their line may leave (the access check,
    ``person_get_managed``, is the caller's). A candidate's pool rating follows it, with
    a line on their timeline."""
    if risk not in FlightRisk.values:
        raise ValidationError({"risk": "Choose low, medium or high."})
    if not reason.strip():
        raise ValidationError({"reason": "Say what the read rests on."})
    rating = PersonFlightRisk.objects.create(
        person=person,
        risk=risk,
        reason=reason.strip(),
        rated_by=actor.person,
        rated_on=timezone.localdate(),
    )
    candidate = Candidate.objects.filter(person=person).first()
    if candidate is not None and candidate.flight_risk != risk:
        candidate.flight_risk, candidate.flight_risk_reason = risk, reason.strip()
        candidate.save(update_fields=["flight_risk", "flight_risk_reason"])
        candidate_event_record(
            candidate=candidate,
            kind=CandidateEvent.Kind.RATED,
            summary=f"Flight risk: {rating.get_risk_display().lower()}",
            detail=reason.strip(),
            actor=actor,
            confidential=True,
        )
    return rating


# --- The competency model (HR's page) -------------------------------------------------


def _competency_name_free(name: str, pk: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Give the competency a name."})
    if Competency.objects.filter(name__iexact=name).exclude(pk=pk).exists():
        raise ValidationError({"name": f"“{name}” is already in the model."})
    return name


@transaction.atomic
def competency_add(*, actor: Actor, name: str, description: str = "") -> Competency:
    """A new line of the model, at the end."""
    last = Competency.objects.order_by("-order").values_list("order", flat=True).first() or 0
    return Competency.objects.create(
        name=_competency_name_free(name), description=description.strip(), order=last + 1
    )


@transaction.atomic
def competency_update(
    *, actor: Actor, competency: Competency, name: str, description: str, order: int
) -> Competency:
    """Rename, describe, move. Its ratings keep pointing at it: the history follows."""
    competency = Competency.objects.select_for_update().get(pk=competency.pk)
    competency.name = _competency_name_free(name, competency.pk)
    competency.description = description.strip()
    competency.order = order
    competency.save(update_fields=["name", "description", "order"])
    return competency


def competency_set_active(*, actor: Actor, competency: Competency, active: bool) -> Competency:
    """Retire a competency (no longer rated; its ratings stay in the history) or bring it
    back."""
    Competency.objects.filter(pk=competency.pk).update(is_active=active)
    competency.is_active = active
    return competency
