"""Who sees a talent review, and what of it (DESIGN.md, "Confidentiality").

- Reviews are for managers and HR: a mentor who manages nobody and a candidate never
  learn that one exists (404).
- A review is seen by its facilitator, its participants, its creator, and anyone with
  ``view_all_talent``.
- Inside it, everyone sees only the candidates they may see today (their line, or
  everyone with ``view_all_talent``): the agenda, the board, the notes, the moves and
  the decisions all follow ``candidates.access.in_line_q``.
- The facilitator runs the agenda (add, remove, start, close, the guideline); the
  facilitator and the participants calibrate while the review is in progress.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.functional import SimpleLazyObject

from candidates.access import in_line_q, viewer_for

from .models import ReviewCandidate, TalentReview


def reviews_visible_to(user) -> QuerySet[TalentReview]:
    viewer = viewer_for(user)
    if not viewer.manager:
        return TalentReview.objects.none()
    if viewer.view_all:
        return TalentReview.objects.all()
    me = viewer.person
    return TalentReview.objects.filter(
        Q(facilitator=me) | Q(created_by=me) | Q(pk__in=me.reviews_joined.values("pk"))
    )


def review_get_for_user(*, user, pk: int, need: str | None = None) -> TalentReview:
    """A review the user may see, with ``review.permissions``; 404 when out of reach,
    or when ``need`` ("facilitate", "calibrate") is a right the user lacks on it."""
    try:
        review = (
            reviews_visible_to(user)
            .select_related("facilitator", "scope_head", "created_by", "closed_by")
            .get(pk=pk)
        )
    except TalentReview.DoesNotExist:
        raise Http404("No such review.") from None
    # Read when a page or ``need`` asks (one query for the participants), not before.
    review.permissions = SimpleLazyObject(
        lambda: ReviewPermissions.for_user(
            user, review, set(review.participants.values_list("pk", flat=True))
        )
    )
    if need and not getattr(review.permissions, need):
        raise Http404("No such review.")
    return review


def entries_visible(*, user, review: TalentReview) -> QuerySet[ReviewCandidate]:
    """The agenda lines the user may see: candidates in their line, or all."""
    return review.agenda.filter(in_line_q(viewer_for(user), "candidate__person__"))


def entry_get_for_user(*, user, review: TalentReview, pk: int) -> ReviewCandidate:
    try:
        return (
            entries_visible(user=user, review=review)
            .select_related("candidate__person__manager", "candidate__person__department")
            .get(pk=pk)
        )
    except ReviewCandidate.DoesNotExist:
        raise Http404("No such candidate in this review.") from None


@dataclass(frozen=True)
class ReviewPermissions:
    facilitate: bool  # agenda, start, close, guideline
    calibrate: bool  # move, change readiness and flight risk, decide

    @classmethod
    def for_user(cls, user, review: TalentReview, participant_ids: set[int]) -> ReviewPermissions:
        person = viewer_for(user).person
        me = person.pk if person else None
        facilitator = me is not None and review.facilitator_id == me
        return cls(
            facilitate=facilitator and review.is_open,
            calibrate=review.state == TalentReview.State.IN_PROGRESS
            and (facilitator or me in participant_ids),
        )
