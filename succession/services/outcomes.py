"""How a fill turned out: the new incumbent's manager answers at 6, 12 and 18 months."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.actor import Actor
from common.dates import months_after

from ..models import OUTCOME_CHECKPOINTS, FillOutcome, PositionFill


def checkpoints_due(fill: PositionFill, *, today: dt.date) -> list[int]:
    """The checkpoints reached by today, none after the incumbent left the role."""
    answers = {o.at_months: o.outcome for o in fill.outcomes.all()}
    due = []
    for months in OUTCOME_CHECKPOINTS:
        if months_after(fill.filled_on, months) > today:
            break
        due.append(months)
        if answers.get(months) == FillOutcome.Outcome.LEFT:
            break
    return due


def checkpoints_owed(fill: PositionFill, *, today: dt.date) -> list[int]:
    """The checkpoints reached and not answered yet: what the reminder asks for, the
    report marks "due" and the answer page offers first."""
    answered = {o.at_months for o in fill.outcomes.all()}
    return [m for m in checkpoints_due(fill, today=today) if m not in answered]


def next_checkpoint_on(fill: PositionFill, *, today: dt.date) -> dt.date | None:
    """When the next checkpoint comes, if one is still ahead (none once they left)."""
    if any(o.outcome == FillOutcome.Outcome.LEFT for o in fill.outcomes.all()):
        return None
    for months in OUTCOME_CHECKPOINTS:
        if (on := months_after(fill.filled_on, months)) > today:
            return on
    return None


@transaction.atomic
def fill_outcome_record(
    *, actor: Actor, fill: PositionFill, at_months: int, outcome: str, note: str = ""
) -> FillOutcome:
    """Answer a checkpoint, or correct the answer given: one answer per checkpoint."""
    if at_months not in checkpoints_due(fill, today=timezone.localdate()):
        raise ValidationError(
            {"at_months": "That checkpoint is not reached yet, or the person had left by then."}
        )
    if outcome not in FillOutcome.Outcome.values:
        raise ValidationError({"outcome": "Choose how it is going."})
    answer, _ = FillOutcome.objects.update_or_create(
        fill=fill,
        at_months=at_months,
        defaults={
            "outcome": outcome,
            "note": note.strip(),
            "answered_by": actor.person,
            "answered_on": timezone.localdate(),
        },
    )
    return answer
