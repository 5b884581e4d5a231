"""Who may do what with the insight log. Anyone signed in reads it (it is about the
product, not about people's careers); anyone in the directory raises an insight; its
raiser corrects it until it is answered; the product area's owner (or HR) answers it;
HR keeps the product areas."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from common.actor import Actor

from .models import Insight, ProductArea


@dataclass(frozen=True)
class InsightPermissions:
    is_raiser: bool
    is_owner: bool
    is_hr: bool

    @property
    def can_edit(self) -> bool:
        return self.is_raiser

    @property
    def can_answer(self) -> bool:
        return self.is_owner or self.is_hr


def insight_permissions(actor: Actor, insight: Insight) -> InsightPermissions:
    person_id = actor.person_id
    return InsightPermissions(
        is_raiser=person_id is not None and insight.raised_by_id == person_id,
        is_owner=person_id is not None and insight.area.owner_id == person_id,
        is_hr=actor.view_all_talent,
    )


def insight_get_for_user(*, actor: Actor, pk: int) -> tuple[Insight, InsightPermissions]:
    """One insight and what the actor may do with it, or 404."""
    insight = (
        Insight.objects.select_related(
            "area__owner",
            "raised_by__department",
            "answered_by",
            "rotation__host_department",
            "task_force",
            "benchmark",
        )
        .filter(pk=pk)
        .first()
    )
    if insight is None:
        raise Http404("No such insight.")
    return insight, insight_permissions(actor, insight)


def area_get_for_hr(*, actor: Actor, pk: int) -> ProductArea:
    if not actor.view_all_talent:
        raise Http404("No such product area.")
    area = ProductArea.objects.select_related("owner").filter(pk=pk).first()
    if area is None:
        raise Http404("No such product area.")
    return area
