"""Writes for leadership agreements."""

from __future__ import annotations

from django.db import transaction

from candidates.models import Person

from .models import Commitment


@transaction.atomic
def commitment_mark_done(
    *, commitment: Commitment, actor: Person, evidence: str = ""
) -> Commitment:
    """Mark a commitment done (e.g. when the training it names is completed). Idempotent."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.status == Commitment.Status.DONE:
        return commitment
    commitment.status = Commitment.Status.DONE
    commitment.progress_percent = 100
    if evidence:
        commitment.evidence = f"{commitment.evidence}\n{evidence}".strip()
    commitment.revision += 1
    commitment.full_clean()
    commitment.save()
    return commitment
