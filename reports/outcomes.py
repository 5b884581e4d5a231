"""Whether the succession plan came true: the fills of key seats the actor may see, what
the slate said of each newcomer, and how each turned out at 6, 12 and 18 months.

Read in two queries (the fills, their answers) over a bounded window, then counted
here: a company fills tens of key seats a year, not thousands."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Q

from agreements.models import Commitment
from common.actor import Actor
from common.dates import months_before
from mentorship.models import MentorPairing
from succession.access import fills_outcomes_read
from succession.models import OUTCOME_CHECKPOINTS, FillOutcome, PositionFill, Readiness
from succession.services import checkpoints_owed

# Fills this far back: the last checkpoint (18 months) and the year after it.
WINDOW_MONTHS = 36
OUTCOMES = FillOutcome.Outcome
# The newest new leaders listed with their first year (the others counted).
FIRST_YEAR_SHOWN = 25


@dataclass
class Tally:
    """Fills of one kind and how the latest answer about each reads."""

    label: str
    fills: int = 0
    by_outcome: dict = field(default_factory=lambda: {o: 0 for o in OUTCOMES.values})
    unanswered: int = 0

    def add(self, latest: FillOutcome | None) -> None:
        self.fills += 1
        if latest is None:
            self.unanswered += 1
        else:
            self.by_outcome[latest.outcome] += 1

    @property
    def answered(self) -> int:
        return self.fills - self.unanswered

    @property
    def came_true(self) -> int | None:
        """Thriving or settling in, as a share of the answered fills (%)."""
        if not self.answered:
            return None
        well = self.by_outcome[OUTCOMES.THRIVING] + self.by_outcome[OUTCOMES.SETTLING]
        return round(100 * well / self.answered)

    @property
    def outcome_counts(self) -> list[int]:
        return [self.by_outcome[o] for o in OUTCOMES.values]


def _bucket(fill: PositionFill) -> str:
    if not fill.on_slate:
        return "off_slate"
    if fill.readiness_at_fill == Readiness.READY_NOW:
        return "decided" if fill.human_decision else "ready_now"
    return fill.readiness_at_fill


BUCKETS = {
    "ready_now": "Ready now",
    "decided": "Ready now by human decision",
    Readiness.ONE_TO_TWO_YEARS: "Ready in 1–2 years",
    Readiness.THREE_TO_FIVE_YEARS: "Ready in 3–5 years",
    "off_slate": "Not on the seat's slate",
}


def fill_outcomes(*, actor: Actor, today: dt.date) -> dict:
    since = months_before(today, WINDOW_MONTHS)
    fills = list(
        fills_outcomes_read(actor)
        .filter(filled_on__gte=since)
        .select_related("position", "person", "nominated_by")
        .prefetch_related("outcomes")
        .order_by("-filled_on", "-pk")
    )
    by_readiness = {key: Tally(label) for key, label in BUCKETS.items()}
    nominators: dict[int, Tally] = {}
    to_answer = []
    for fill in fills:
        answers = sorted(fill.outcomes.all(), key=lambda o: o.at_months)
        fill.answers = {o.at_months: o for o in answers}
        fill.latest = answers[-1] if answers else None
        fill.due = checkpoints_owed(fill, today=today)
        fill.cells = [(m, fill.answers.get(m), m in fill.due) for m in OUTCOME_CHECKPOINTS]
        if fill.due:
            to_answer.append(fill)
        by_readiness[_bucket(fill)].add(fill.latest)
        if fill.on_slate and fill.readiness_at_fill == Readiness.READY_NOW and fill.nominated_by:
            tally = nominators.setdefault(fill.nominated_by_id, Tally(fill.nominated_by.full_name))
            tally.add(fill.latest)
    new_leaders = [f for f in fills if f.filled_on > months_before(today, 12)]
    first_year = _first_year(new_leaders[:FIRST_YEAR_SHOWN])
    ready_now = by_readiness["ready_now"].fills + by_readiness["decided"].fills
    waits = [f.days_to_fill for f in fills if f.days_to_fill is not None]
    return {
        "since": since,
        "fills": fills,
        "total": len(fills),
        "from_slate": sum(f.on_slate for f in fills),
        "ready_now": ready_now,
        "hit_rate": round(100 * ready_now / len(fills)) if fills else None,
        "median_days_to_fill": round(statistics.median(waits)) if waits else None,
        "timed_fills": len(waits),
        "by_readiness": list(by_readiness.values()),
        "nominators": sorted(nominators.values(), key=lambda t: (-t.fills, t.label)),
        "to_answer": to_answer,
        "first_year": first_year,
        "first_year_total": len(new_leaders),
        "outcome_labels": OUTCOMES.labels,
        "checkpoints": OUTCOME_CHECKPOINTS,
    }


def _first_year(fills: list[PositionFill]) -> list[PositionFill]:
    """New leaders in their first year: their first 180 days' plan (items done of those
    agreed or proposed) and whether a mentor is with them now. Two queries."""
    if not fills:
        return []
    plans = {
        row["transition_fill"]: row
        for row in Commitment.objects.filter(transition_fill__in=fills, removed=False)
        .exclude(proposal=Commitment.Proposal.DECLINED)
        .values("transition_fill")
        .annotate(items=Count("pk"), done=Count("pk", filter=Q(status=Commitment.Status.DONE)))
        .order_by()
    }
    mentored = set(
        MentorPairing.objects.filter(
            candidate__person__in=[f.person_id for f in fills],
            status=MentorPairing.Status.ACTIVE,
        ).values_list("candidate__person_id", flat=True)
    )
    for fill in fills:
        plan = plans.get(fill.pk)
        fill.plan_items = plan["items"] if plan else 0
        fill.plan_done = plan["done"] if plan else 0
        fill.mentored = fill.person_id in mentored
    return fills
