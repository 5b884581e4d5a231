"""Writes of a talent review. Every change a review makes goes through the services
that own the thing changed (a rating through ``candidate_rate``, readiness through
``nomination_change_readiness``, a development action through the agreement's
proposal flow), so the profile's history, the timeline and the bench see it as any
other change, named with the session."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from agreements import services as agreement_services
from agreements.models import LeadershipAgreement
from candidates import services as candidate_services
from candidates.access import VIEW_ALL_TALENT, manages_person
from candidates.models import Candidate, CandidateStatus, FlightRisk, Person, TalentRating
from common.actor import Actor
from notifications.registry import Due
from notifications.tasks import notices_send
from succession import services as succession_services
from succession.models import FollowUp, Readiness, SuccessorNomination

from .access import may_calibrate, review_permissions
from .models import ReviewAction, ReviewCandidate, ReviewMove, TalentReview
from .selectors import scope_candidates

State = TalentReview.State


def cell_label(performance, potential) -> str:
    if performance is None or potential is None:
        return "not rated"
    return f"performance {performance}, potential {potential}"


# --- Scope and people -------------------------------------------------------------------


def view_all_people() -> QuerySet[Person]:
    holders = (
        get_user_model()
        .objects.with_perm(VIEW_ALL_TALENT, backend="django.contrib.auth.backends.ModelBackend")
        .filter(is_active=True)
    )
    return Person.objects.filter(user__in=holders, is_active=True)


def review_managers() -> QuerySet[Person]:
    """Who may sit in a review: people with a login who manage someone, and HR (who
    sees all talent). The participants' rule and the form's choices."""
    has_reports = Exists(Person.objects.filter(manager=OuterRef("pk"), is_active=True))
    return (
        Person.objects.filter(is_active=True, user__isnull=False)
        .filter(Q(has_reports) | Q(pk__in=view_all_people().values("pk")))
        .order_by("full_name")
    )


def _facilitator_validate(*, facilitator: Person, scope: str, scope_head: Person | None):
    if view_all_people().filter(pk=facilitator.pk).exists():
        return
    if scope == TalentReview.Scope.LINE and scope_head and facilitator.pk == scope_head.pk:
        return
    raise ValidationError(
        {
            "facilitator": (
                "The facilitator is HR (sees all talent) or the most senior manager of the "
                "scope: the person the review covers."
            )
        }
    )


def _participants_validate(participants) -> None:
    ids = [p.pk for p in participants]
    managers = set(review_managers().filter(pk__in=ids).values_list("pk", flat=True))
    outsiders = [p for p in participants if p.pk not in managers]
    if outsiders:
        raise ValidationError(
            {
                "participants": "Participants are managers: "
                + ", ".join(p.full_name for p in outsiders)
                + " manage nobody."
            }
        )


def _scope_validate(*, actor: Actor, scope, scope_head, scope_positions) -> None:
    if scope == TalentReview.Scope.LINE:
        if scope_head is None:
            raise ValidationError({"scope_head": "Choose whose part of the organisation."})
        if scope_head.pk != actor.person_id and not manages_person(actor, scope_head):
            raise ValidationError({"scope_head": "Choose someone in your part of the org."})
    elif not scope_positions:
        raise ValidationError({"scope_positions": "Choose at least one key position."})


@transaction.atomic
def review_create(
    *,
    actor: Actor,
    name: str,
    held_on: dt.date,
    scope: str,
    scope_head: Person | None,
    scope_positions,
    facilitator: Person,
    participants,
    top_box_guideline: int = 15,
) -> TalentReview:
    """A draft review whose agenda starts as every active candidate in scope."""
    _scope_validate(
        actor=actor,
        scope=scope,
        scope_head=scope_head,
        scope_positions=scope_positions,
    )
    _facilitator_validate(facilitator=facilitator, scope=scope, scope_head=scope_head)
    _participants_validate(participants)
    review = TalentReview(
        name=name,
        held_on=held_on,
        scope=scope,
        scope_head=scope_head if scope == TalentReview.Scope.LINE else None,
        facilitator=facilitator,
        top_box_guideline=top_box_guideline,
        created_by=actor.person,
    )
    review.full_clean()
    review.save()
    if scope == TalentReview.Scope.POSITIONS:
        review.scope_positions.set(scope_positions)
    review.participants.set(participants)
    ReviewCandidate.objects.bulk_create(
        ReviewCandidate(review=review, candidate_id=pk, added_by=actor.person)
        for pk in scope_candidates(review).values_list("pk", flat=True)
    )
    return review


def _facilitator_check(review: TalentReview, actor: Actor) -> None:
    if review.facilitator_id != actor.person_id:
        raise ValidationError("Only the facilitator runs the agenda.")
    if review.state == State.CLOSED:
        raise ValidationError("This review is closed: it stays as it was decided.")


def _lock(review: TalentReview) -> TalentReview:
    return TalentReview.objects.select_for_update().get(pk=review.pk)


@transaction.atomic
def review_update(
    *,
    actor: Actor,
    review: TalentReview,
    name: str,
    held_on: dt.date,
    participants,
    top_box_guideline: int,
) -> TalentReview:
    review = _lock(review)
    _facilitator_check(review, actor)
    _participants_validate(participants)
    review.name, review.held_on, review.top_box_guideline = name, held_on, top_box_guideline
    review.full_clean()
    review.save()
    review.participants.set(participants)
    return review


@transaction.atomic
def review_delete(*, actor: Actor, review: TalentReview) -> None:
    """A draft nobody has met in yet can be thrown away; once started, a review stays."""
    review = _lock(review)
    _facilitator_check(review, actor)
    if review.state != State.DRAFT:
        raise ValidationError("Only a draft can be deleted: a started review stays on record.")
    review.delete()


@transaction.atomic
def agenda_add(*, actor: Actor, review: TalentReview, candidate: Candidate):
    review = _lock(review)
    _facilitator_check(review, actor)
    if not scope_candidates(review).filter(pk=candidate.pk).exists():
        raise ValidationError({"candidate": f"{candidate.person} is not in this review's scope."})
    entry, created = ReviewCandidate.objects.get_or_create(
        review=review, candidate=candidate, defaults={"added_by": actor.person}
    )
    if not created:
        raise ValidationError({"candidate": f"{candidate.person} is already on the agenda."})
    if review.state == State.IN_PROGRESS:
        entry.start = snapshots_now([candidate.pk])[candidate.pk]
        entry.save(update_fields=["start"])
    return entry


@transaction.atomic
def agenda_remove(*, actor: Actor, review: TalentReview, entry: ReviewCandidate) -> None:
    review = _lock(review)
    _facilitator_check(review, actor)
    if ReviewMove.objects.filter(review=review, candidate_id=entry.candidate_id).exists() or (
        ReviewAction.objects.filter(review=review, candidate_id=entry.candidate_id).exists()
    ):
        raise ValidationError(
            f"{entry.candidate.person} was already moved or decided on in this review: "
            "they stay on the agenda."
        )
    entry.delete()


def snapshots_now(candidate_ids: list[int]) -> dict[int, dict]:
    """Each candidate's 9-box place, flight risk and readiness per position, now."""
    found = {
        row["pk"]: {
            "performance": row["performance"],
            "potential": row["potential"],
            "flight_risk": row["flight_risk"],
            "readiness": {},
        }
        for row in Candidate.objects.filter(pk__in=candidate_ids).values(
            "pk", "performance", "potential", "flight_risk"
        )
    }
    nominations = SuccessorNomination.objects.filter(
        candidate_id__in=candidate_ids, is_active=True
    ).values("candidate_id", "position_id", "position__title", "readiness")
    for row in nominations:
        found[row["candidate_id"]]["readiness"][str(row["position_id"])] = {
            "title": row["position__title"],
            "readiness": row["readiness"],
        }
    return found


def _snapshot_all(review: TalentReview, field: str) -> None:
    entries = list(review.agenda.all())
    snapshots = snapshots_now([e.candidate_id for e in entries])
    for entry in entries:
        setattr(entry, field, snapshots.get(entry.candidate_id, {}))
    ReviewCandidate.objects.bulk_update(entries, [field], batch_size=1000)


@transaction.atomic
def review_start(*, actor: Actor, review: TalentReview) -> TalentReview:
    review = _lock(review)
    _facilitator_check(review, actor)
    if review.state != State.DRAFT:
        raise ValidationError("This review is already in progress.")
    if not review.agenda.exists():
        raise ValidationError("The agenda is empty: add the candidates to discuss first.")
    review.state = State.IN_PROGRESS
    review.started_at = timezone.now()
    review.save(update_fields=["state", "started_at"])
    _snapshot_all(review, "start")
    return review


@transaction.atomic
def review_close(*, actor: Actor, review: TalentReview) -> TalentReview:
    """Freeze the review: the end snapshot, and one notice per participant with the link
    to "what moved"."""
    review = _lock(review)
    _facilitator_check(review, actor)
    if review.state != State.IN_PROGRESS:
        raise ValidationError("Start the review before closing it.")
    review.state = State.CLOSED
    review.closed_at = timezone.now()
    review.closed_by = actor.person
    review.save(update_fields=["state", "closed_at", "closed_by"])
    _snapshot_all(review, "end")
    people = {review.facilitator_id, *review.participants.values_list("pk", flat=True)}
    moves = review.moves.count()
    decisions = review.actions.count()
    url = reverse("reviews:moved", args=[review.pk])
    due = [
        Due(
            recipient_id=user_id,
            kind="review_closed",
            item_key=f"review:{review.pk}",
            period_key="closed",
            title=f"Talent review “{review.name}” closed: what moved",
            body=(
                f"{moves} change{'s' if moves != 1 else ''} and {decisions} decision"
                f"{'s' if decisions != 1 else ''} were recorded. The summary shows who went "
                "up, who went down and the readiness gained and lost, by manager."
            ),
            url=url,
        )
        for user_id in Person.objects.filter(pk__in=people, user__isnull=False).values_list(
            "user_id", flat=True
        )
    ]
    notices_send(due=due, today=timezone.localdate())
    return review


# --- Calibrating ------------------------------------------------------------------------


def _calibration_check(review: TalentReview, actor: Actor, candidate) -> None:
    """Changes are made while the review runs, by its people, on candidates they may
    see (``reviews.access.may_calibrate``, the rule the board reads too). The review's
    row is locked, so a close waits for a move under way and its snapshot holds it."""
    review = _lock(review)
    if may_calibrate(actor=actor, review=review, candidate=candidate):
        return
    if review.state != State.IN_PROGRESS:
        raise ValidationError(
            "The review is not in progress: changes are made while it runs."
            if review.state == State.DRAFT
            else "This review is closed: it stays as it was decided."
        )
    if not review_permissions(actor=actor, review=review).calibrate:
        raise ValidationError("Only the review's facilitator and participants change ratings.")
    raise ValidationError(f"{candidate.person} is not in your part of the organisation.")


def _stale_rating(candidate: Candidate, seen_rating: int) -> None:
    """Refuse a change made on a board that was out of date: someone else moved the
    candidate since the form was shown. Nothing is lost: the other move stands, this
    one is shown again with its reason."""
    latest = (
        TalentRating.objects.filter(candidate=candidate)
        .select_related("rated_by")
        .order_by("-rated_at", "-pk")
        .first()
    )
    if (latest.pk if latest else 0) != seen_rating:
        raise ValidationError(
            f"{latest.rated_by} changed {candidate.person}'s rating at "
            f"{timezone.localtime(latest.rated_at):%H:%M} (now {cell_label(latest.performance, latest.potential)}, "
            f"flight risk {latest.flight_risk}) while you were looking. Your change was not "
            "saved: check the board and make it again if it still holds."
        )


def _calibrated_candidate(
    review: TalentReview, actor: Actor, entry: ReviewCandidate, seen_rating: int
) -> Candidate:
    """The first step of a change of rating on the board: the candidate locked, the
    actor allowed to change it now, and the board they saw still true."""
    candidate = (
        Candidate.objects.select_for_update().select_related("person").get(pk=entry.candidate_id)
    )
    _calibration_check(review, actor, candidate)
    _stale_rating(candidate, seen_rating)
    return candidate


def _move_record(*, actor: Actor, review: TalentReview, candidate, **move) -> ReviewMove:
    """The last step of every change on the board: what it was, what it became, why,
    who and when, linked to the rating or the nomination it changed."""
    return ReviewMove.objects.create(
        review=review, candidate=candidate, moved_by=actor.person, **move
    )


def _rate(*, actor: Actor, review, candidate, performance, potential, flight_risk, reason, kind):
    before_cell = cell_label(candidate.performance, candidate.potential)
    before_risk = candidate.flight_risk
    candidate_services.candidate_rate(
        actor=actor,
        candidate=candidate,
        performance=performance,
        potential=potential,
        flight_risk=flight_risk,
        reason=reason,
        flight_risk_reason=reason if flight_risk != before_risk else candidate.flight_risk_reason,
        context=f"In talent review “{review.name}”",
    )
    rating = TalentRating.objects.filter(candidate=candidate).order_by("-rated_at", "-pk").first()
    before, after = (
        (before_cell, cell_label(performance, potential))
        if kind == ReviewMove.Kind.RATING
        else (FlightRisk(before_risk).label, FlightRisk(flight_risk).label)
    )
    return _move_record(
        actor=actor,
        review=review,
        candidate=candidate,
        kind=kind,
        before=before,
        after=after,
        reason=reason,
        moved_at=rating.rated_at,
        rating=rating,
    )


@transaction.atomic
def rating_move(
    *,
    actor: Actor,
    review: TalentReview,
    entry: ReviewCandidate,
    performance: int,
    potential: int,
    reason: str,
    seen_rating: int,
) -> ReviewMove:
    """Move a candidate to another cell of the 9-box, with the reason."""
    candidate = _calibrated_candidate(review, actor, entry, seen_rating)
    if (candidate.performance, candidate.potential) == (performance, potential):
        raise ValidationError({"cell": f"{candidate.person} is already in that cell."})
    return _rate(
        actor=actor,
        review=review,
        candidate=candidate,
        performance=performance,
        potential=potential,
        flight_risk=candidate.flight_risk,
        reason=reason,
        kind=ReviewMove.Kind.RATING,
    )


@transaction.atomic
def flight_risk_change(
    *,
    actor: Actor,
    review: TalentReview,
    entry: ReviewCandidate,
    flight_risk: str,
    reason: str,
    seen_rating: int,
) -> ReviewMove:
    """Change a candidate's flight risk, with the reason (their cell stays)."""
    candidate = _calibrated_candidate(review, actor, entry, seen_rating)
    if candidate.performance is None or candidate.potential is None:
        raise ValidationError(
            {"flight_risk": "Place them on the 9-box first: a rating has all three parts."}
        )
    if candidate.flight_risk == flight_risk:
        raise ValidationError({"flight_risk": "That is their flight risk already."})
    return _rate(
        actor=actor,
        review=review,
        candidate=candidate,
        performance=candidate.performance,
        potential=candidate.potential,
        flight_risk=flight_risk,
        reason=reason,
        kind=ReviewMove.Kind.FLIGHT_RISK,
    )


@transaction.atomic
def readiness_change(
    *,
    actor: Actor,
    review: TalentReview,
    entry: ReviewCandidate,
    nomination: SuccessorNomination,
    readiness: str,
    reason: str,
    seen_readiness: str,
    decide: bool = False,
) -> ReviewMove:
    """Change a successor's readiness, with the reason. "Ready now" meets the position's
    must-haves, or is ``decide``d by a second person with the reason as theirs."""
    nomination = (
        SuccessorNomination.objects.select_for_update()
        .select_related("position", "candidate__person")
        .get(pk=nomination.pk, candidate_id=entry.candidate_id, is_active=True)
    )
    _calibration_check(review, actor, nomination.candidate)
    if nomination.readiness != seen_readiness:
        raise ValidationError(
            f"Someone changed the readiness for {nomination.position.title} to "
            f"“{nomination.get_readiness_display()}” while you were looking. Your change was "
            "not saved: make it again if it still holds."
        )
    if nomination.readiness == readiness:
        raise ValidationError({"readiness": "That is their readiness already."})
    before = nomination.get_readiness_display()
    succession_services.nomination_change_readiness(
        actor=actor,
        nomination=nomination,
        readiness=readiness,
        note=reason,
        context=f"In talent review “{review.name}”",
        override_reason=reason if decide else "",
    )
    return _move_record(
        actor=actor,
        review=review,
        candidate=nomination.candidate,
        kind=ReviewMove.Kind.READINESS,
        position=nomination.position,
        before=before,
        after=Readiness(readiness).label,
        reason=reason,
        moved_at=timezone.now(),
        nomination=nomination,
    )


@transaction.atomic
def note_save(
    *, actor: Actor, review: TalentReview, entry: ReviewCandidate, note: str
) -> ReviewCandidate:
    entry = (
        ReviewCandidate.objects.select_for_update()
        .select_related("candidate__person")
        .get(pk=entry.pk)
    )
    _calibration_check(review, actor, entry.candidate)
    entry.note, entry.note_by, entry.note_at = note, actor.person, timezone.now()
    entry.save(update_fields=["note", "note_by", "note_at"])
    return entry


def _development_decided(*, actor, candidate, action, side, category, description, due_on, **_):
    """A development action is proposed on the candidate's open leadership agreement:
    the sponsor decides."""
    agreement = (
        LeadershipAgreement.objects.filter(candidate=candidate)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .first()
    )
    if agreement is None:
        raise ValidationError(
            {
                "kind": f"{candidate.person} has no open leadership agreement: start one "
                "from their profile, then add the action."
            }
        )
    if not side:
        raise ValidationError({"side": "Say who commits: the company or the candidate."})
    action.commitment = agreement_services.commitment_propose(
        actor=actor,
        agreement=agreement,
        side=side,
        category=category or "other",
        description=description,
        due_on=due_on,
    )


def _conversation_decided(*, actor, candidate, action, description, **_):
    """A conversation becomes a follow-up the acting manager owns."""
    follow_up = FollowUp(
        candidate=candidate, kind=FollowUp.Kind.OTHER, description=description, owner=actor.person
    )
    follow_up.full_clean()
    follow_up.save()
    action.follow_up = follow_up


def _nomination_decided(*, actor, candidate, action, description, position, readiness, **_):
    if position is None or not readiness:
        raise ValidationError({"position": "Choose the key position and the readiness."})
    action.nomination = succession_services.nomination_create(
        actor=actor, candidate=candidate, position=position, readiness=readiness, note=description
    )


def _status_decided(*, actor, candidate, description, position, status, **_):
    if not status:
        raise ValidationError({"status": "Choose the new status."})
    succession_services.candidate_status_change(
        actor=actor,
        candidate=candidate,
        status=status,
        reason=description,
        position=position if status == CandidateStatus.GRADUATED else None,
    )


# Each kind of decision is carried out through the flow that owns it.
DECISIONS = {
    ReviewAction.Kind.DEVELOPMENT: _development_decided,
    ReviewAction.Kind.CONVERSATION: _conversation_decided,
    ReviewAction.Kind.NOMINATION: _nomination_decided,
    ReviewAction.Kind.STATUS: _status_decided,
}


@transaction.atomic
def action_add(
    *,
    actor: Actor,
    review: TalentReview,
    entry: ReviewCandidate,
    kind: str,
    description: str,
    side: str = "",
    category: str = "",
    due_on: dt.date | None = None,
    position=None,
    readiness: str = "",
    status: str = "",
) -> ReviewAction:
    """A decision, carried out through the flow that owns it (``DECISIONS``): a
    development action is proposed on the candidate's agreement, a conversation becomes
    a follow-up, a nomination and a change of status go through succession."""
    candidate = Candidate.objects.select_related("person").get(pk=entry.candidate_id)
    _calibration_check(review, actor, candidate)
    if kind not in DECISIONS:
        raise ValidationError({"kind": "Choose what was decided."})
    action = ReviewAction(
        review=review,
        candidate=candidate,
        kind=kind,
        description=description,
        created_by=actor.person,
        created_at=timezone.now(),
    )
    DECISIONS[kind](
        actor=actor,
        candidate=candidate,
        action=action,
        description=description,
        side=side,
        category=category,
        due_on=due_on,
        position=position,
        readiness=readiness,
        status=status,
    )
    action.full_clean()
    action.save()
    return action
