"""Reads for development experiences: the overview and exposure matrix, /me/, profile."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from agreements.models import Commitment, LeadershipAgreement
from candidates.access import candidates_managed_by
from candidates.models import Candidate, DepartmentKind
from common.actor import Actor
from common.sql import SubqueryCount, count_subquery, union_rows_compiled
from succession.selectors import candidate_gaps

from .access import rotations_visible_to
from .models import (
    BenchmarkVisit,
    Conference,
    ExperienceIdea,
    GapCommitment,
    JobShadowing,
    Rotation,
    StretchAssignment,
    TaskForce,
    Training,
)

ROTATION_DEPARTMENTS = [k for k in DepartmentKind if k != DepartmentKind.SUPPORT]
EXPOSURE_KINDS = [
    ("n_conferences", "Conferences"),
    ("n_benchmarks", "Benchmark visits"),
    ("n_trainings", "Training"),
    ("n_stretches", "Stretch assignments"),
    ("n_shadowings", "Job shadowing"),
]


def _count(queryset) -> SubqueryCount:
    return SubqueryCount(queryset.order_by().values("pk"))


def exposure_matrix(*, actor: Actor) -> QuerySet[Candidate]:
    """Candidates × (rotations per host department kind, and each kind of exposure)."""
    annotations = {
        f"rot_{kind.value}": _count(
            Rotation.objects.filter(
                person=OuterRef("person"), host_department__kind=kind.value
            ).exclude(status=Rotation.Status.CANCELLED)
        )
        for kind in ROTATION_DEPARTMENTS
    }
    annotations |= {
        "n_conferences": _count(Conference.objects.filter(candidate=OuterRef("pk"))),
        "n_benchmarks": _count(BenchmarkVisit.objects.filter(candidate=OuterRef("pk"))),
        "n_trainings": _count(Training.objects.filter(candidate=OuterRef("pk"))),
        "n_stretches": _count(StretchAssignment.objects.filter(candidate=OuterRef("pk"))),
        "n_shadowings": _count(
            JobShadowing.objects.filter(candidate=OuterRef("pk"), cancelled_on__isnull=True)
        ),
    }
    return (
        candidates_managed_by(actor)
        .filter(status="active")
        .select_related("person__department")
        .annotate(**annotations)
        .order_by("person__full_name")
    )


def overview(*, actor: Actor, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    rotations = rotations_visible_to(actor).select_related(
        "person", "host_department", "host_sponsor"
    )
    managed = candidates_managed_by(actor).values("pk")
    return {
        "running": rotations.filter(status=Rotation.Status.RUNNING, starts_on__lte=today).order_by(
            "ends_on"
        )[:20],
        "upcoming": rotations.filter(starts_on__gt=today)
        .exclude(status=Rotation.Status.CANCELLED)
        .order_by("starts_on")[:20],
        "overdue_reports": Conference.objects.filter(
            candidate__in=managed, report_submitted_at__isnull=True, trip_report_due_on__lt=today
        )
        .select_related("candidate__person")
        .order_by("trip_report_due_on")[:20],
        "unassessed": rotations.filter(assessed_on__isnull=True, ends_on__lt=today)
        .exclude(status=Rotation.Status.CANCELLED)
        .order_by("ends_on")[:20],
    }


# --- /me/ and the profile -------------------------------------------------------------


def _text(value="") -> Value:
    return Value(value, output_field=CharField())


def _no_date() -> Value:
    return Value(None, output_field=DateField())


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


# The columns every kind of experience is read into (one UNION ALL query), with what a
# kind that lacks one reads.
EXPERIENCE_COLUMNS = {
    "ex_kind": _text(),
    "ex_pk": F("pk"),
    "ex_title": _text(),
    "ex_role": _text(),
    "ex_starts_on": _no_date(),
    "ex_ends_on": _no_date(),
    "ex_state": _text(),
    "ex_cancelled_on": F("cancelled_on"),
    "ex_cancel_reason": Cast("cancel_reason", CharField()),
    "ex_done": _flag(Q(pk__isnull=True)),
    "ex_due_on": _no_date(),
    "ex_written": _flag(Q(pk__isnull=True)),
    "ex_second_written": _flag(Q(pk__isnull=True)),
    "ex_person": _text(),
    "ex_task_forces": Value(0, output_field=IntegerField()),
}


def _experience_parts(candidate_id: int, person_id: int) -> list:
    # Long on purpose: one UNION ALL of every kind of experience, spelled out column by
    # column so that each kind's row reads on its own.
    return [
        (
            Rotation.objects.filter(person_id=person_id),
            {
                "ex_kind": _text("rotation"),
                "ex_title": Cast("host_department__name", CharField()),
                "ex_role": Cast("role", CharField()),
                "ex_starts_on": F("starts_on"),
                "ex_ends_on": F("ends_on"),
                "ex_state": Cast("status", CharField()),
                "ex_done": _flag(Q(assessed_on__isnull=False)),
                "ex_due_on": F("ends_on"),
                "ex_written": _flag(~Q(reflection="")),
            },
        ),
        (
            Conference.objects.filter(candidate_id=candidate_id),
            {
                "ex_kind": _text("conference"),
                "ex_title": Cast("name", CharField()),
                "ex_starts_on": F("starts_on"),
                "ex_ends_on": F("ends_on"),
                "ex_done": _flag(Q(report_submitted_at__isnull=False)),
                "ex_due_on": F("trip_report_due_on"),
                "ex_written": _flag(Q(report_submitted_at__isnull=False)),
                "ex_task_forces": count_subquery(
                    TaskForce.objects.filter(conference=OuterRef("pk"))
                ),
            },
        ),
        (
            BenchmarkVisit.objects.filter(candidate_id=candidate_id),
            {
                "ex_kind": _text("benchmark"),
                "ex_title": Cast("company", CharField()),
                "ex_starts_on": F("visit_on"),
                "ex_done": _flag(Q(presented_on__isnull=False)),
                "ex_due_on": F("visit_on"),
                "ex_written": _flag(~Q(questions="")),
                "ex_second_written": _flag(~Q(findings="")),
            },
        ),
        (
            Training.objects.filter(candidate_id=candidate_id),
            {
                "ex_kind": _text("training"),
                "ex_title": Cast("name", CharField()),
                "ex_starts_on": F("starts_on"),
                "ex_ends_on": F("ends_on"),
                "ex_state": Cast("status", CharField()),
                "ex_done": _flag(Q(status=Training.Status.COMPLETED)),
                "ex_due_on": F("ends_on"),
            },
        ),
        (
            StretchAssignment.objects.filter(candidate_id=candidate_id),
            {
                "ex_kind": _text("stretch"),
                "ex_title": Cast("title", CharField()),
                "ex_starts_on": F("starts_on"),
                "ex_ends_on": F("ends_on"),
                "ex_state": Cast("outcome", CharField()),
                "ex_done": _flag(~Q(outcome=StretchAssignment.Outcome.PENDING)),
                "ex_due_on": F("ends_on"),
                "ex_written": _flag(~Q(lessons_learned="")),
                "ex_person": Cast("safety_net__full_name", CharField()),
            },
        ),
        (
            JobShadowing.objects.filter(candidate_id=candidate_id),
            {
                "ex_kind": _text("shadowing"),
                "ex_title": Cast("shadowed__full_name", CharField()),
                "ex_role": Cast("shadowed__title", CharField()),
                "ex_starts_on": F("starts_on"),
                "ex_ends_on": F("ends_on"),
                "ex_done": _flag(Q(reflected_on__isnull=False)),
                "ex_due_on": F("starts_on"),
                "ex_written": _flag(~Q(reflection="")),
            },
        ),
    ]


EXPERIENCE_STATES = {
    "rotation": dict(Rotation.Status.choices),
    "training": dict(Training.Status.choices),
    "stretch": dict(StretchAssignment.Outcome.choices),
}
ROTATION_ROLES = dict(Rotation.Role.choices)
EXPERIENCE_URLS = {
    "rotation": "development:rotation_detail",
    "conference": "development:conference_detail",
    "benchmark": "development:benchmark_detail",
    "training": "development:training_detail",
    "stretch": "development:stretch_detail",
    "shadowing": "development:shadowing_detail",
}


@dataclass(frozen=True)
class Experience:
    """One rotation, conference, benchmark visit, training or stretch assignment, as the
    profile and /me/ list them."""

    kind: str
    pk: int
    title: str
    role: str
    starts_on: dt.date
    ends_on: dt.date | None
    state: str
    cancelled_on: dt.date | None
    cancel_reason: str
    done: bool
    due_on: dt.date | None
    written: bool
    second_written: bool
    person: str
    task_forces: int

    @property
    def url(self) -> str:
        return reverse(EXPERIENCE_URLS[self.kind], args=[self.pk])

    @property
    def state_display(self) -> str:
        return EXPERIENCE_STATES.get(self.kind, {}).get(self.state, self.state)

    @property
    def role_display(self) -> str:
        return ROTATION_ROLES.get(self.role, self.role)


def experiences(*, candidate: Candidate) -> list[Experience]:
    """Every experience of the candidate, newest first, in one query (UNION ALL)."""
    rows = union_rows_compiled(
        "experiences",
        EXPERIENCE_COLUMNS,
        _experience_parts,
        candidate_id=candidate.pk,
        person_id=candidate.person_id,
    )
    found = [
        Experience(**{column.removeprefix("ex_"): row[column] for column in EXPERIENCE_COLUMNS})
        for row in rows
    ]
    found.sort(key=lambda e: (e.starts_on, e.kind, e.pk), reverse=True)
    return found


def me_context(*, candidate: Candidate) -> dict:
    """The candidate's experiences, and what they must write next, first."""
    today = timezone.localdate()
    rows = experiences(candidate=candidate)
    to_write = []
    for item in rows:
        if (
            item.kind == "conference"
            and not item.written
            and item.ends_on <= today + dt.timedelta(days=1)
        ):
            to_write.append(("Trip report", item.title, item.due_on, item.url, item.due_on < today))
        elif item.kind == "benchmark" and not item.written and item.starts_on >= today:
            due = item.starts_on - dt.timedelta(days=7)
            to_write.append(
                ("Questions for the benchmark visit", item.title, due, item.url, due < today)
            )
        elif item.kind == "benchmark" and item.starts_on < today and not item.second_written:
            to_write.append(
                (
                    "Findings of the benchmark visit",
                    item.title,
                    item.starts_on + dt.timedelta(days=14),
                    item.url,
                    False,
                )
            )
        elif (
            item.kind == "rotation"
            and item.ends_on <= today + dt.timedelta(days=14)
            and not item.written
        ):
            to_write.append(
                ("Rotation reflection", item.title, item.ends_on, item.url, item.ends_on < today)
            )
        elif item.kind == "shadowing" and item.starts_on <= today and not item.written:
            due = (item.ends_on or item.starts_on) + dt.timedelta(days=7)
            to_write.append(("Shadowing reflection", item.title, due, item.url, due < today))
    to_write.sort(key=lambda entry: entry[2])
    return {"to_write": to_write, "experiences": rows, "today": today}


def profile_context(*, candidate: Candidate) -> dict:
    return {"profile_experiences": experiences(candidate=candidate)}


# --- The plan from gaps ------------------------------------------------------------------


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
