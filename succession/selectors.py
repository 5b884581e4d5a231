"""Reads of succession readiness: what evidence a candidate has to show, what backs each
readiness, the gaps against the positions' targets, and the plan's suggestions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, DateField, F, IntegerField, Min, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate
from django.urls import reverse
from django.utils import timezone

from agreements.models import Commitment, LeadershipAgreement
from agreements.selectors import COUNTED, DONE
from candidates.models import (
    Candidate,
    CompetencyRating,
    CompetencyTarget,
    KeyPosition,
    Level,
    SuccessorNomination,
)
from candidates.selectors import (
    competency_gaps,
    competency_ratings,
    position_targets_named,
    readiness_fresh_on,
    readiness_is_stale,
    readiness_stale_before,
)
from common.sql import union_rows
from development.models import Conference, ExperienceIdea, Rotation, StretchAssignment, TaskForce
from mentorship.models import Meeting
from reviews.models import ReviewMove

from .models import EvidenceKind, GapCommitment, ReadinessEvidence

POTENTIAL_WORDS = {1: "low", 2: "moderate", 3: "high"}
# How many items the attach list offers, newest first.
EVIDENCE_OFFERED = 60


@dataclass(frozen=True)
class EvidenceItem:
    kind: str
    item_id: int
    dated_on: dt.date
    summary: str
    url: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item_id}"

    @property
    def kind_display(self) -> str:
        return EvidenceKind(self.kind).label


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _text(expression) -> Cast:
    return Cast(expression, CharField())


def _kind(kind: str) -> Value:
    return Value(kind, output_field=CharField())


# One row shape for every kind of item (one UNION ALL reads them all), with what a kind
# that lacks a column reads: two free texts, two more for a review's move, a number,
# and a reference (the agreement, the conference).
EVIDENCE_COLUMNS = {
    "ev_kind": _kind(""),
    "ev_id": F("pk"),
    "ev_on": Cast(Value(None), output_field=DateField()),
    "ev_a": _kind(""),
    "ev_b": _kind(""),
    "ev_c": _kind(""),
    "ev_d": _kind(""),
    "ev_n": Cast(Value(None), output_field=IntegerField()),
    "ev_ref": Cast(Value(None), output_field=IntegerField()),
}


def _evidence_rows(candidate: Candidate):
    return union_rows(
        EVIDENCE_COLUMNS,
        [
            (
                Rotation.objects.filter(person_id=candidate.person_id, assessed_on__isnull=False),
                {
                    "ev_kind": _kind(EvidenceKind.ROTATION),
                    "ev_on": F("assessed_on"),
                    "ev_a": _text("role"),
                    "ev_b": _text("host_department__name"),
                    "ev_n": Case(
                        When(objectives_met=True, then=Value(1)),
                        When(objectives_met=False, then=Value(0)),
                        default=Value(None),
                        output_field=IntegerField(),
                    ),
                },
            ),
            (
                StretchAssignment.objects.filter(
                    candidate=candidate, cancelled_on__isnull=True, ends_on__isnull=False
                ).exclude(outcome=StretchAssignment.Outcome.PENDING),
                {
                    "ev_kind": _kind(EvidenceKind.STRETCH),
                    "ev_on": F("ends_on"),
                    "ev_a": _text("title"),
                    "ev_b": _text("outcome"),
                },
            ),
            (
                Conference.objects.filter(candidate=candidate, reviewed_at__isnull=False),
                {
                    "ev_kind": _kind(EvidenceKind.TRIP_REPORT),
                    "ev_on": TruncDate("reviewed_at"),
                    "ev_a": _text("name"),
                },
            ),
            (
                TaskForce.objects.filter(owner=candidate),
                {
                    "ev_kind": _kind(EvidenceKind.TASK_FORCE),
                    "ev_on": Coalesce("implemented_on", "launched_on"),
                    "ev_a": _text("status"),
                    "ev_b": _text("idea"),
                    "ev_ref": Cast("conference_id", output_field=IntegerField()),
                },
            ),
            (
                Commitment.objects.filter(COUNTED, DONE, agreement__candidate=candidate),
                {
                    "ev_kind": _kind(EvidenceKind.COMMITMENT),
                    "ev_on": TruncDate("updated_at"),
                    "ev_a": _text("description"),
                    "ev_ref": Cast("agreement_id", output_field=IntegerField()),
                },
            ),
            (
                Meeting.objects.filter(pairing__candidate=candidate, potential_read__isnull=False),
                {
                    "ev_kind": _kind(EvidenceKind.MENTOR_READ),
                    "ev_on": F("held_on"),
                    "ev_a": _text("pairing__mentor__full_name"),
                    "ev_n": Cast("potential_read", output_field=IntegerField()),
                },
            ),
            (
                ReviewMove.objects.filter(candidate=candidate),
                {
                    "ev_kind": _kind(EvidenceKind.REVIEW),
                    "ev_on": TruncDate("moved_at"),
                    "ev_a": _text("review__name"),
                    "ev_b": _text("kind"),
                    "ev_c": Concat("before", Value(" → "), "after", output_field=CharField()),
                    "ev_d": _text(Coalesce("position__title", Value(""))),
                },
            ),
        ],
    )


ROTATION_ROLES = dict(Rotation.Role.choices)
STRETCH_OUTCOMES = dict(StretchAssignment.Outcome.choices)
TASK_FORCE_STATES = dict(TaskForce.Status.choices)
MOVE_KINDS = dict(ReviewMove.Kind.choices)


def _evidence_item(row: dict) -> EvidenceItem:
    kind, pk, on = row["ev_kind"], row["ev_id"], row["ev_on"]
    a, b, c, d, n, ref = (row[k] for k in ("ev_a", "ev_b", "ev_c", "ev_d", "ev_n", "ev_ref"))
    if kind == EvidenceKind.ROTATION:
        verdict = {1: "objectives met", 0: "objectives not met"}.get(n, "assessed")
        summary = f"{ROTATION_ROLES.get(a, a)} in {b}: {verdict}"
        url = reverse("development:rotation_detail", args=[pk])
    elif kind == EvidenceKind.STRETCH:
        summary = f"{a}: {STRETCH_OUTCOMES.get(b, b).lower()}"
        url = reverse("development:stretch_detail", args=[pk])
    elif kind == EvidenceKind.TRIP_REPORT:
        summary = f"Trip report on {a}, reviewed"
        url = reverse("development:conference_detail", args=[pk])
    elif kind == EvidenceKind.TASK_FORCE:
        summary = f"Task force ({TASK_FORCE_STATES.get(a, a).lower()}): {_short(b)}"
        url = reverse("development:conference_detail", args=[ref])
    elif kind == EvidenceKind.COMMITMENT:
        summary = f"Done: {_short(a)}"
        url = reverse("agreements:detail", args=[ref]) + f"#commitment-{pk}"
    elif kind == EvidenceKind.MENTOR_READ:
        summary = f"{a} reads potential as {POTENTIAL_WORDS.get(n, n)}"
        url = ""
    else:
        where = f" for {d}" if d else ""
        summary = f"Talent review “{a}”: {MOVE_KINDS.get(b, b).lower()}{where} {c}"
        url = ""
    return EvidenceItem(kind, pk, on, summary, url)


def evidence_available(*, candidate: Candidate) -> list[EvidenceItem]:
    """Every item the app holds that can back a readiness, newest first: assessed
    rotations, stretch outcomes, reviewed trip reports, task forces, commitments done,
    the mentor's reads of potential and talent-review decisions (one UNION ALL), and
    competency ratings, one item per rating session (one grouped query). Two queries,
    whatever the history."""
    items = [_evidence_item(row) for row in _evidence_rows(candidate)]
    for session in (
        CompetencyRating.objects.filter(candidate=candidate)
        .values("rated_on", "rated_by__full_name")
        .annotate(first=Min("pk"), n=Count("pk"))
        .order_by()
    ):
        items.append(
            EvidenceItem(
                EvidenceKind.COMPETENCY,
                session["first"],
                session["rated_on"],
                f"{session['n']} "
                f"{'competency' if session['n'] == 1 else 'competencies'} rated by "
                f"{session['rated_by__full_name']}",
                reverse("front:profile", args=[candidate.pk]) + "#competencies-heading",
            )
        )
    items.sort(key=lambda item: (item.dated_on, item.kind, item.item_id), reverse=True)
    return items[:EVIDENCE_OFFERED]


def readiness_page(*, nomination: SuccessorNomination, today: dt.date | None = None) -> dict:
    """The readiness page: the nomination, whether it is stale, the evidence attached,
    what else could be attached, and the history of the readiness."""
    today = today or timezone.localdate()
    attached = list(nomination.evidence.select_related("attached_by"))
    attached_keys = {e.key for e in attached}
    available = evidence_available(candidate=nomination.candidate)
    return {
        "attached": attached,
        "attached_keys": attached_keys,
        "available": available,
        "available_keys": {item.key for item in available},
        "fresh_on": readiness_fresh_on(nomination),
        "is_stale": readiness_fresh_on(nomination) < readiness_stale_before(today),
        "stale_before": readiness_stale_before(today),
        "history": nomination.readiness_history.select_related("changed_by")[:30],
    }


def evidence_by_nomination(nomination_ids: list[int]) -> dict[int, list[ReadinessEvidence]]:
    """The evidence of several nominations, newest first, in one query."""
    found: dict[int, list[ReadinessEvidence]] = defaultdict(list)
    for evidence in ReadinessEvidence.objects.filter(nomination_id__in=nomination_ids):
        found[evidence.nomination_id].append(evidence)
    return found


# --- Targets, gaps and the plan ---------------------------------------------------------


def candidate_gaps(
    *,
    candidate: Candidate,
    latest: dict[int, int] | None = None,
    nominations: list[SuccessorNomination] | None = None,
    targets_named=None,
) -> list[dict]:
    """For each position the candidate is nominated for: its targets, the candidate's
    latest ratings against them and the gaps, largest first. Three queries: nominations,
    ratings, targets with their competencies (one when the caller has the first two)."""
    if nominations is None:
        nominations = list(
            SuccessorNomination.objects.filter(candidate=candidate, is_active=True)
            .select_related("position")
            .order_by("-position__level", "position__title")
        )
    else:
        nominations = [n for n in nominations if n.is_active]
    if latest is None:
        latest = {
            r.competency_id: r.score
            for r in competency_ratings(candidate=candidate)["competencies"]
        }
    positions = [n.position for n in nominations]
    targets, model = targets_named or position_targets_named(positions=positions)
    names = dict(model)
    result = []
    for nomination in nominations:
        position_target = targets[nomination.position.pk]
        gaps = competency_gaps(latest=latest, targets=position_target, names=names)
        ordered = [pk for pk, _ in model if pk in position_target]
        result.append(
            {
                "nomination": nomination,
                "position": nomination.position,
                "gaps": [g for g in gaps if g["gap"] > 0],
                "chart_id": f"target-data-{nomination.position.pk}",
                "all": gaps,
                "chart": {
                    "labels": [names[pk] for pk in ordered],
                    "target": [position_target[pk] for pk in ordered],
                    "scores": [latest.get(pk) for pk in ordered],
                },
            }
        )
    return result


def plan_suggestions(*, candidate: Candidate) -> dict:
    """The plan page: per nominated position, each gap with the catalogue's ideas for its
    competency, and what was already proposed for it (not offered twice while open)."""
    gaps = candidate_gaps(candidate=candidate)
    competency_ids = {g["competency_id"] for row in gaps for g in row["gaps"]}
    ideas = defaultdict(list)
    for idea in ExperienceIdea.objects.filter(competency_id__in=competency_ids, is_active=True):
        ideas[idea.competency_id].append(idea)
    proposed = defaultdict(list)
    for gap_commitment in GapCommitment.objects.filter(candidate=candidate).select_related(
        "commitment", "idea"
    ):
        proposed[gap_commitment.competency_id].append(gap_commitment)
    open_ideas = {
        (g.competency_id, g.idea_id)
        for rows in proposed.values()
        for g in rows
        if g.commitment.proposal != Commitment.Proposal.DECLINED and not g.commitment.removed
    }
    for row in gaps:
        for gap in row["gaps"]:
            gap["ideas"] = [
                {
                    "idea": idea,
                    "key": f"{row['position'].pk}:{gap['competency_id']}:{idea.pk}",
                    "taken": (gap["competency_id"], idea.pk) in open_ideas,
                }
                for idea in ideas[gap["competency_id"]]
            ]
            gap["proposed"] = proposed[gap["competency_id"]]
    agreement = (
        LeadershipAgreement.objects.filter(candidate=candidate)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .first()
    )
    return {"positions": gaps, "agreement": agreement}


def positions_for_targets(*, positions) -> list[KeyPosition]:
    return list(positions.select_related("department").order_by("-level", "title"))


def nominations_with_staleness(queryset, *, today: dt.date):
    return queryset.annotate(is_stale=readiness_is_stale(today))


def targets_overview() -> dict:
    """HR's index of target profiles: per level, how many competencies have a target;
    the positions that set their own. Two queries."""
    per_level = dict(
        CompetencyTarget.objects.filter(level__isnull=False)
        .values_list("level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    own = (
        KeyPosition.objects.filter(is_active=True, competency_targets__isnull=False)
        .annotate(n=Count("competency_targets"))
        .select_related("department")
        .order_by("-level", "title")
    )
    return {
        "levels": [
            {"level": value, "label": label, "targets": per_level.get(value, 0)}
            for value, label in Level.choices
            if value >= Level.TEAM_LEAD
        ],
        "positions": list(own),
    }
