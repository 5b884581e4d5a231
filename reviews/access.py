"""Who sees a talent review, and what of it.

- Reviews are for managers and HR: a mentor who manages nobody and a candidate never
  learn that one exists (404).
- A review is seen by its facilitator, its participants, its creator, and anyone with
  ``view_all_talent``.
- Inside it, everyone sees only the candidates they may see today (their line, or
  everyone with ``view_all_talent``): the agenda, the board, the notes, the moves and
  the decisions all follow ``candidates.access.in_line_q``.
- The facilitator runs the agenda (add, remove, start, close, the guideline); the
  facilitator and the participants calibrate while the review is in progress, on the
  candidates of their line (``may_calibrate``: the board and the services read it).

Every review an access call hands out is recorded as read (``audit.record.read``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.functional import SimpleLazyObject

from audit import record as audit
from candidates.access import in_line_q, manages_person
from common.actor import Actor

from .models import ReviewCandidate, TalentReview


def reviews_visible_to(actor: Actor) -> QuerySet[TalentReview]:
    if not actor.manager:
        return TalentReview.objects.none()
    if actor.view_all_talent:
        return TalentReview.objects.all()
    me = actor.person
    if me is None:
        return TalentReview.objects.none()
    return TalentReview.objects.filter(
        Q(facilitator=me) | Q(created_by=me) | Q(pk__in=me.reviews_joined.values("pk"))
    )


def reviews_listed(actor: Actor) -> QuerySet[TalentReview]:
    """The reviews page's list; that the actor saw which reviews exist is recorded."""
    audit.read(actor, audit.What.REVIEW, label="Talent reviews")
    return reviews_visible_to(actor)


@dataclass(frozen=True)
class ReviewPermissions:
    facilitate: bool  # agenda, start, close, guideline
    calibrate: bool  # move, change readiness and flight risk, decide

    @classmethod
    def for_actor(
        cls, actor: Actor, review: TalentReview, participant_ids: set[int]
    ) -> ReviewPermissions:
        me = actor.person_id
        facilitator = me is not None and review.facilitator_id == me
        return cls(
            facilitate=facilitator and review.is_open,
            calibrate=review.state == TalentReview.State.IN_PROGRESS
            and (facilitator or me in participant_ids),
        )


def review_permissions(*, actor: Actor, review: TalentReview) -> ReviewPermissions:
    """What the actor may do on the review (one query: its participants)."""
    participants = set(review.participants.values_list("pk", flat=True))
    return ReviewPermissions.for_actor(actor, review, participants)


def may_calibrate(*, actor: Actor, review: TalentReview, candidate) -> bool:
    """The one rule of a change on the board: the review is in progress, the actor is
    its facilitator or a participant, and the candidate is in their line."""
    return review_permissions(actor=actor, review=review).calibrate and manages_person(
        actor, candidate.person
    )


def review_get_for_user(*, actor: Actor, pk: int, need: str | None = None) -> TalentReview:
    """A review the actor may see, with ``review.permissions``; 404 when out of reach,
    or when ``need`` ("facilitate", "calibrate") is a right the actor lacks on it."""
    try:
        review = (
            reviews_visible_to(actor)
            .select_related("facilitator", "scope_head", "created_by", "closed_by")
            .get(pk=pk)
        )
    except TalentReview.DoesNotExist:
        raise Http404("No such review.") from None
    # Read when a page or ``need`` asks (one query for the participants), not before.
    review.permissions = SimpleLazyObject(lambda: review_permissions(actor=actor, review=review))
    if need and not getattr(review.permissions, need):
        raise Http404("No such review.")
    audit.read(actor, audit.What.REVIEW, label=review.name)
    return review


def entries_visible(*, actor: Actor, review: TalentReview) -> QuerySet[ReviewCandidate]:
    """The agenda lines the actor may see: candidates in their line, or all."""
    return review.agenda.filter(in_line_q(actor, "candidate__person__"))


def entry_get_for_user(*, actor: Actor, review: TalentReview, pk: int) -> ReviewCandidate:
    try:
        entry = (
            entries_visible(actor=actor, review=review)
            .select_related("candidate__person__manager", "candidate__person__department")
            .get(pk=pk)
        )
    except ReviewCandidate.DoesNotExist:
        raise Http404("No such candidate in this review.") from None
    audit.read(
        actor, audit.What.REVIEW, person=entry.candidate.person, label=f"{review.name}: entry"
    )
    return entry
