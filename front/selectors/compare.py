"""Successors side by side for one key position: readiness and its evidence against
each must-have, competencies against the position's target, rating history, a year of
support work, development done and open, time in the pool and at the readiness. Read
in a fixed number of queries for one to four successors, only of the actor's line."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from candidates.access import in_line_q
from candidates.models import CandidateStatus, CompetencyRating, TalentRating
from common.actor import Actor
from development.models import Rotation, StretchAssignment
from succession.models import KeyPosition, SuccessorNomination
from succession.selectors import (
    evidence_by_nomination,
    must_haves_against,
    must_haves_of,
    nominations_with_staleness,
    position_targets_named,
)
from supportdata.models import SupportMonth
from supportdata.selectors import month_starts, satisfaction_over

COMPARED = 4  # columns a laptop and a printout hold
SUPPORT_TOTALS = (
    ("tickets_solved", "Tickets solved"),
    ("escalations_resolved", "Cross-group escalations resolved"),
    ("incidents_led_sev1", "Sev-1 incidents led"),
    ("incidents_led", "Incidents led, any severity"),
    ("articles", "Knowledge articles"),
)


@dataclass
class Column:
    nomination: SuccessorNomination
    must_haves: list = field(default_factory=list)
    competencies: list = field(default_factory=list)  # (name, target, score)
    ratings: list = field(default_factory=list)  # newest first, at most four
    support: list = field(default_factory=list)  # (label, 12-month total)
    satisfaction: str = ""
    development: dict = field(default_factory=dict)


def successors_offered(*, actor: Actor, position: KeyPosition) -> list[SuccessorNomination]:
    """The position's open successors in the actor's line, readiest first: the picker."""
    return list(
        SuccessorNomination.objects.filter(
            in_line_q(actor, "candidate__person__"),
            position=position,
            is_active=True,
            candidate__status=CandidateStatus.ACTIVE,
        )
        .select_related("candidate__person")
        .order_by("readiness", "candidate__person__full_name")
    )


def compare(
    *, position: KeyPosition, nominations: list[SuccessorNomination], today: dt.date
) -> dict:
    """Columns for ``nominations`` (already limited to the actor's line): must-haves and
    evidence (2 queries), staleness (1), targets (1), competency ratings (1), rating
    history (1), support months (1), development (2)."""
    ids = [n.pk for n in nominations]
    stale = dict(
        nominations_with_staleness(SuccessorNomination.objects.filter(pk__in=ids), today=today)
        .values_list("pk", "is_stale")
        .order_by()
    )
    columns = [Column(n) for n in nominations]
    for column in columns:
        column.nomination.is_stale = stale.get(column.nomination.pk, False)
    must_haves = must_haves_of(position.pk)
    evidence = evidence_by_nomination(ids)
    for column in columns:
        column.evidence = evidence.get(column.nomination.pk, [])
        column.must_haves = must_haves_against(must_haves, column.evidence, today)
    _competencies(position, columns)
    _ratings(columns)
    _support(columns, today)
    _development(columns)
    return {
        "columns": columns,
        # One row per must-have, each column's standing against it.
        "must_have_rows": [
            (must_have, [c.must_haves[i] for c in columns])
            for i, must_have in enumerate(must_haves)
        ],
    }


def _competencies(position: KeyPosition, columns: list[Column]) -> None:
    targets, model = position_targets_named(positions=[position])
    target = targets.get(position.pk, {})
    latest: dict = defaultdict(dict)
    for candidate_id, competency_id, score in (
        CompetencyRating.objects.filter(
            candidate_id__in=[c.nomination.candidate_id for c in columns]
        )
        .order_by("candidate_id", "competency_id", "-rated_on", "-pk")
        .values_list("candidate_id", "competency_id", "score")
    ):
        latest[candidate_id].setdefault(competency_id, score)
    for column in columns:
        scores = latest[column.nomination.candidate_id]
        column.competencies = [
            (name, target[pk], scores.get(pk)) for pk, name in model if pk in target
        ]


def _ratings(columns: list[Column]) -> None:
    by_candidate = defaultdict(list)
    for rating in TalentRating.objects.filter(
        candidate_id__in=[c.nomination.candidate_id for c in columns]
    ).order_by("candidate_id", "-rated_at", "-pk"):
        by_candidate[rating.candidate_id].append(rating)
    for column in columns:
        column.ratings = by_candidate[column.nomination.candidate_id][:4]


def _support(columns: list[Column], today: dt.date) -> None:
    since = month_starts(today)[0]
    rows = {
        row["person_id"]: row
        for row in SupportMonth.objects.filter(
            person_id__in=[c.nomination.candidate.person_id for c in columns], month__gte=since
        )
        .values("person_id")
        .annotate(
            t_tickets_solved=Sum("tickets_solved"),
            t_escalations_resolved=Sum("escalations_resolved"),
            t_incidents_led_sev1=Sum("incidents_led_sev1"),
            t_incidents_led=Sum("incidents_led_sev1")
            + Sum("incidents_led_sev2")
            + Sum("incidents_led_other"),
            t_articles=Sum("articles"),
            good=Sum("satisfaction_good"),
            bad=Sum("satisfaction_bad"),
        )
        .order_by()
    }
    for column in columns:
        row = rows.get(column.nomination.candidate.person_id)
        if row is None:
            continue
        column.support = [(label, row[f"t_{key}"]) for key, label in SUPPORT_TOTALS]
        share, why_not = satisfaction_over(row["good"], row["bad"])
        rated = row["good"] + row["bad"]
        column.satisfaction = (
            f"{share:.0f} % over {rated} ratings" if share is not None else why_not
        )


def _development(columns: list[Column]) -> None:
    people = [c.nomination.candidate.person_id for c in columns]
    candidates = [c.nomination.candidate_id for c in columns]
    rotations = {
        row["person_id"]: row
        for row in Rotation.objects.filter(person_id__in=people, cancelled_on__isnull=True)
        .values("person_id")
        .annotate(
            done=Count("pk", filter=Q(status=Rotation.Status.COMPLETED)),
            open=Count(
                "pk", filter=Q(status__in=[Rotation.Status.PLANNED, Rotation.Status.RUNNING])
            ),
        )
        .order_by()
    }
    stretches = {
        row["candidate_id"]: row
        for row in StretchAssignment.objects.filter(
            candidate_id__in=candidates, cancelled_on__isnull=True
        )
        .values("candidate_id")
        .annotate(
            done=Count("pk", filter=~Q(outcome=StretchAssignment.Outcome.PENDING)),
            open=Count("pk", filter=Q(outcome=StretchAssignment.Outcome.PENDING)),
        )
        .order_by()
    }
    for column in columns:
        rotation = rotations.get(column.nomination.candidate.person_id, {})
        stretch = stretches.get(column.nomination.candidate_id, {})
        column.development = {
            "rotations_done": rotation.get("done", 0),
            "rotations_open": rotation.get("open", 0),
            "stretch_done": stretch.get("done", 0),
            "stretch_open": stretch.get("open", 0),
        }
