"""Target competency profiles: what a key position (or every position of a level) asks
of each competency."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from candidates.models import Competency
from common.actor import Actor

from ..models import CompetencyTarget, KeyPosition


@transaction.atomic
def competency_targets_save(
    *,
    actor: Actor,
    targets: dict[int, int | None],
    position: KeyPosition | None = None,
    level: int | None = None,
) -> int:
    """Set the target level (1–5) per competency of one key position, or of every
    position of a level; ``None`` clears it (a position then inherits its level's).
    Returns how many targets changed."""
    if (position is None) == (level is None):
        raise ValueError("Targets are for one position or for one level.")
    owner = {"position": position} if position is not None else {"level": level}
    current = {t.competency_id: t for t in CompetencyTarget.objects.filter(**owner)}
    active = set(Competency.objects.filter(pk__in=targets).values_list("pk", flat=True))
    changed = 0
    for competency_id, value in targets.items():
        if competency_id not in active:
            raise ValidationError("That competency is not in the model any more.")
        existing = current.get(competency_id)
        if value is None:
            if existing is not None:
                existing.delete()
                changed += 1
            continue
        if not 1 <= value <= 5:
            raise ValidationError("Targets are 1 to 5, like the ratings.")
        if existing is not None and existing.target == value:
            continue
        target = existing or CompetencyTarget(competency_id=competency_id, **owner)
        target.target = value
        target.updated_by = actor.person
        target.full_clean()
        target.save()
        changed += 1
    return changed
