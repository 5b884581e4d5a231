"""Who may see which key positions, nominations and follow-ups.

- ``view_all_talent``: every key position. A line manager: the positions held by
  themselves or someone in their line, and those whose nominees they manage.
- A nomination or a follow-up is reached through its candidate: in the viewer's line
  (``candidates.access``), or 404.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from candidates.access import candidates_managed_by, in_line_q, viewer_for
from candidates.models import Candidate

from .models import FollowUp, KeyPosition, SuccessorNomination


def nomination_get_managed(*, user, pk: int) -> SuccessorNomination:
    """An open successor nomination of a candidate in the user's line, or 404."""
    nomination = (
        SuccessorNomination.objects.filter(
            pk=pk, is_active=True, candidate__in=candidates_managed_by(user).values("pk")
        )
        .select_related("position", "candidate__person", "readiness_confirmed_by")
        .first()
    )
    if nomination is None:
        raise Http404("No such nomination.")
    return nomination


def follow_up_get_managed(*, user, pk: int) -> FollowUp:
    """An open follow-up about a candidate in the user's line, or 404."""
    follow_up = (
        FollowUp.objects.filter(
            pk=pk, done_at__isnull=True, candidate__in=candidates_managed_by(user).values("pk")
        )
        .select_related("candidate__person", "position")
        .first()
    )
    if follow_up is None:
        raise Http404("No such follow-up.")
    return follow_up


def positions_visible_to(user) -> QuerySet[KeyPosition]:
    """view_all_talent: every position. A line manager: positions held by themselves or
    by someone in their line, and positions whose nominees they manage."""
    viewer = viewer_for(user)
    if viewer.view_all:
        return KeyPosition.objects.filter(is_active=True)
    if viewer.person is None or not viewer.manager:
        return KeyPosition.objects.none()
    from_line = Candidate.objects.filter(in_line_q(viewer, "person__"))
    return KeyPosition.objects.filter(is_active=True).filter(
        Q(incumbent=viewer.person)
        | Q(incumbent__reporting_path__startswith=viewer.reporting_path)
        | Exists(
            SuccessorNomination.objects.filter(
                position=OuterRef("pk"), is_active=True, candidate__in=from_line.values("pk")
            )
        )
    )


def position_get_for_user(*, user, pk: int) -> KeyPosition:
    try:
        return positions_visible_to(user).select_related("department", "incumbent").get(pk=pk)
    except KeyPosition.DoesNotExist:
        raise Http404("No such key position.") from None
